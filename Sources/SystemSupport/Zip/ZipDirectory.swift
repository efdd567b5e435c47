#if canImport(Glibc)
import Glibc
#endif
import SystemSupport

/// One member as the zip's central directory declares it, with its name as raw bytes.
///
/// libarchive hands names over as C strings, which silently end at a NUL byte; the central
/// directory is read here so that a name like `a.py\0evil` is seen whole and refused.
public struct ZipMember: Sendable, Equatable {
    public let rawName: [UInt8]
    public let uncompressedSize: UInt64
    public let compressedSize: UInt64
    /// Unix mode bits from the external attributes, when the archiver was a Unix one.
    public let unixMode: UInt32?

    public var name: String { String(decoding: rawName, as: UTF8.self) }
    public var isDirectory: Bool { rawName.last == UInt8(ascii: "/") }
    public var isSymlink: Bool { unixMode.map { $0 & 0o170000 == 0o120000 } ?? false }
    public var isExecutable: Bool { unixMode.map { $0 & 0o111 != 0 } ?? false }
}

public enum ZipDirectoryError: Error, Equatable, Sendable, CustomStringConvertible {
    case io(SystemCallError)
    case notAZip(path: String, reason: String)

    public var description: String {
        switch self {
        case .io(let error): return error.description
        case .notAZip(let path, let reason): return "\(path) is not a readable zip archive (\(reason))"
        }
    }
}

/// Reads the central directory (zip64 included) with `pread`, without touching member data.
public enum ZipDirectory {
    public static func members(of path: String) throws(ZipDirectoryError) -> [ZipMember] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(SystemCallError("cannot open", path: path)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(SystemCallError("cannot stat", path: path)) }
        let fileSize = UInt64(info.st_size)

        let tailLength = min(fileSize, 65_557)
        let tail = try readAt(fd, offset: fileSize - tailLength, count: Int(tailLength), path: path)
        guard let eocd = lastIndex(of: 0x0605_4b50, in: tail, minimumRemaining: 22) else {
            throw .notAZip(path: path, reason: "no end-of-central-directory record")
        }
        var count = UInt64(tail.le16(eocd + 10))
        var directorySize = UInt64(tail.le32(eocd + 12))
        var directoryOffset = UInt64(tail.le32(eocd + 16))

        // Zip64: the locator sits right before the classic record and points at the zip64 one.
        if eocd >= 20, tail.le32(eocd - 20) == 0x0706_4b50 {
            let recordOffset = tail.le64(eocd - 20 + 8)
            let record = try readAt(fd, offset: recordOffset, count: 56, path: path)
            guard record.count == 56, record.le32(0) == 0x0606_4b50 else {
                throw .notAZip(path: path, reason: "broken zip64 end record")
            }
            count = record.le64(32)
            directorySize = record.le64(40)
            directoryOffset = record.le64(48)
        }
        guard directoryOffset + directorySize <= fileSize, directorySize < 1 << 31 else {
            throw .notAZip(path: path, reason: "central directory lies outside the file")
        }
        let directory = try readAt(fd, offset: directoryOffset, count: Int(directorySize), path: path)
        return try parse(directory, expected: count, path: path)
    }

    private static func parse(_ bytes: [UInt8], expected: UInt64, path: String) throws(ZipDirectoryError) -> [ZipMember] {
        var members: [ZipMember] = []
        var position = 0
        while members.count < expected {
            guard position + 46 <= bytes.count, bytes.le32(position) == 0x0201_4b50 else {
                throw .notAZip(path: path, reason: "central directory entry \(members.count + 1) is damaged")
            }
            let madeBy = bytes[position + 5]
            var compressed = UInt64(bytes.le32(position + 20))
            var uncompressed = UInt64(bytes.le32(position + 24))
            let nameLength = Int(bytes.le16(position + 28))
            let extraLength = Int(bytes.le16(position + 30))
            let commentLength = Int(bytes.le16(position + 32))
            let external = bytes.le32(position + 38)
            let nameStart = position + 46
            let extraStart = nameStart + nameLength
            let next = extraStart + extraLength + commentLength
            guard next <= bytes.count else {
                throw .notAZip(path: path, reason: "central directory entry \(members.count + 1) is truncated")
            }
            if uncompressed == 0xFFFF_FFFF || compressed == 0xFFFF_FFFF {
                let sizes = zip64Sizes(bytes[extraStart..<(extraStart + extraLength)],
                                       needUncompressed: uncompressed == 0xFFFF_FFFF,
                                       needCompressed: compressed == 0xFFFF_FFFF)
                uncompressed = sizes.uncompressed ?? uncompressed
                compressed = sizes.compressed ?? compressed
            }
            members.append(ZipMember(
                rawName: Array(bytes[nameStart..<extraStart]),
                uncompressedSize: uncompressed,
                compressedSize: compressed,
                unixMode: madeBy == 3 ? external >> 16 : nil))
            position = next
        }
        return members
    }

    private static func zip64Sizes(
        _ extra: ArraySlice<UInt8>, needUncompressed: Bool, needCompressed: Bool
    ) -> (uncompressed: UInt64?, compressed: UInt64?) {
        let bytes = Array(extra)
        var position = 0
        while position + 4 <= bytes.count {
            let id = bytes.le16(position)
            let size = Int(bytes.le16(position + 2))
            let body = position + 4
            if id == 0x0001 {
                var field = body
                var uncompressed: UInt64?
                var compressed: UInt64?
                if needUncompressed, field + 8 <= bytes.count { uncompressed = bytes.le64(field); field += 8 }
                if needCompressed, field + 8 <= bytes.count { compressed = bytes.le64(field) }
                return (uncompressed, compressed)
            }
            position = body + size
        }
        return (nil, nil)
    }

    private static func readAt(_ fd: Int32, offset: UInt64, count: Int, path: String) throws(ZipDirectoryError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return pread(fd, base + done, count - done, off_t(offset) + off_t(done))
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw .io(SystemCallError("cannot read", path: path))
            }
            if got == 0 { break }
            done += got
        }
        return Array(buffer.prefix(done))
    }

    private static func lastIndex(of signature: UInt32, in bytes: [UInt8], minimumRemaining: Int) -> Int? {
        guard bytes.count >= minimumRemaining else { return nil }
        var index = bytes.count - minimumRemaining
        while index >= 0 {
            if bytes.le32(index) == signature { return index }
            index -= 1
        }
        return nil
    }
}

extension Array where Element == UInt8 {
    fileprivate func le16(_ at: Int) -> UInt16 { UInt16(self[at]) | UInt16(self[at + 1]) << 8 }
    fileprivate func le32(_ at: Int) -> UInt32 { UInt32(le16(at)) | UInt32(le16(at + 2)) << 16 }
    fileprivate func le64(_ at: Int) -> UInt64 { UInt64(le32(at)) | UInt64(le32(at + 4)) << 32 }
}
