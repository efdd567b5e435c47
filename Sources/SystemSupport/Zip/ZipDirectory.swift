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
    /// 0 stored, 8 deflate; others are not used by wheels.
    public let compressionMethod: UInt16
    /// Where the member's local header starts (its data follows that header).
    public let localHeaderOffset: UInt64
    public let crc32: UInt32

    public var name: String { String(decoding: rawName, as: UTF8.self) }
    public var isDirectory: Bool { rawName.last == UInt8(ascii: "/") }
    public var isSymlink: Bool { unixMode.map { $0 & 0o170000 == 0o120000 } ?? false }
    public var isExecutable: Bool { unixMode.map { $0 & 0o111 != 0 } ?? false }
}

public enum ZipDirectoryError: Error, Equatable, Sendable, CustomStringConvertible {
    case io(SystemCallError)
    /// `path` names the archive: a file path or, for archives read remotely, a URL.
    case notAZip(path: String, reason: String)

    public var description: String {
        switch self {
        case .io(let error): return error.description
        case .notAZip(let path, let reason): return "\(path) is not a readable zip archive (\(reason))"
        }
    }
}

/// Where the central directory is, as the end records say.
public struct ZipDirectoryLocation: Sendable, Equatable {
    public let entryCount: UInt64
    public let offset: UInt64
    public let size: UInt64
}

/// What the tail of an archive tells: the directory's location, or that the zip64 end record
/// at `offset` (not inside the tail) must be read first.
public enum ZipTailReading: Sendable, Equatable {
    case directory(ZipDirectoryLocation)
    case zip64Record(offset: UInt64)
}

/// Parses a zip's end records and central directory (zip64 included) from bytes, so that the
/// same code serves archives on disk and archives read with HTTP range requests.
public enum ZipDirectory {
    /// The classic end record is 22 bytes plus a comment of at most 65,535: this much of the
    /// end of an archive always holds it.
    public static let maximumTailLength = 65_557
    public static let zip64RecordLength = 56

    /// Reads the end records from `tail`, the last bytes of an archive of `archiveSize` bytes.
    public static func readTail(_ tail: [UInt8], archiveSize: UInt64, source: String) throws(ZipDirectoryError) -> ZipTailReading {
        guard let eocd = lastIndex(of: 0x0605_4b50, in: tail, minimumRemaining: 22) else {
            throw .notAZip(path: source, reason: "no end-of-central-directory record")
        }
        // Zip64: the locator sits right before the classic record and points at the zip64 one.
        if eocd >= 20, tail.le32(eocd - 20) == 0x0706_4b50 {
            let recordOffset = tail.le64(eocd - 20 + 8)
            let tailStart = archiveSize - UInt64(tail.count)
            if recordOffset >= tailStart, recordOffset - tailStart + UInt64(zip64RecordLength) <= UInt64(tail.count) {
                let start = Int(recordOffset - tailStart)
                return .directory(try zip64Location(Array(tail[start..<(start + zip64RecordLength)]), archiveSize: archiveSize, source: source))
            }
            return .zip64Record(offset: recordOffset)
        }
        let location = ZipDirectoryLocation(
            entryCount: UInt64(tail.le16(eocd + 10)), offset: UInt64(tail.le32(eocd + 16)), size: UInt64(tail.le32(eocd + 12)))
        return .directory(try checked(location, archiveSize: archiveSize, source: source))
    }

    /// Reads the 56-byte zip64 end record that `readTail` pointed at.
    public static func zip64Location(_ record: [UInt8], archiveSize: UInt64, source: String) throws(ZipDirectoryError) -> ZipDirectoryLocation {
        guard record.count >= zip64RecordLength, record.le32(0) == 0x0606_4b50 else {
            throw .notAZip(path: source, reason: "broken zip64 end record")
        }
        let location = ZipDirectoryLocation(entryCount: record.le64(32), offset: record.le64(48), size: record.le64(40))
        return try checked(location, archiveSize: archiveSize, source: source)
    }

    private static func checked(_ location: ZipDirectoryLocation, archiveSize: UInt64, source: String) throws(ZipDirectoryError) -> ZipDirectoryLocation {
        guard location.size < 1 << 31, location.offset <= archiveSize, location.size <= archiveSize - location.offset else {
            throw .notAZip(path: source, reason: "central directory lies outside the file")
        }
        return location
    }

    /// Parses `expected` central directory entries from `bytes` (the whole directory).
    public static func parse(_ bytes: [UInt8], expected: UInt64, source: String) throws(ZipDirectoryError) -> [ZipMember] {
        var members: [ZipMember] = []
        var position = 0
        while members.count < expected {
            guard position + 46 <= bytes.count, bytes.le32(position) == 0x0201_4b50 else {
                throw .notAZip(path: source, reason: "central directory entry \(members.count + 1) is damaged")
            }
            let madeBy = bytes[position + 5]
            var compressed = UInt64(bytes.le32(position + 20))
            var uncompressed = UInt64(bytes.le32(position + 24))
            var localOffset = UInt64(bytes.le32(position + 42))
            let nameLength = Int(bytes.le16(position + 28))
            let extraLength = Int(bytes.le16(position + 30))
            let commentLength = Int(bytes.le16(position + 32))
            let external = bytes.le32(position + 38)
            let nameStart = position + 46
            let extraStart = nameStart + nameLength
            let next = extraStart + extraLength + commentLength
            guard next <= bytes.count else {
                throw .notAZip(path: source, reason: "central directory entry \(members.count + 1) is truncated")
            }
            if uncompressed == 0xFFFF_FFFF || compressed == 0xFFFF_FFFF || localOffset == 0xFFFF_FFFF {
                let wide = Zip64Extra(Array(bytes[extraStart..<(extraStart + extraLength)]))
                // The zip64 extra field holds only the values whose classic field is saturated, in this order.
                var fields = wide.values.makeIterator()
                if uncompressed == 0xFFFF_FFFF { uncompressed = fields.next() ?? uncompressed }
                if compressed == 0xFFFF_FFFF { compressed = fields.next() ?? compressed }
                if localOffset == 0xFFFF_FFFF { localOffset = fields.next() ?? localOffset }
            }
            members.append(ZipMember(
                rawName: Array(bytes[nameStart..<extraStart]),
                uncompressedSize: uncompressed,
                compressedSize: compressed,
                unixMode: madeBy == 3 ? external >> 16 : nil,
                compressionMethod: bytes.le16(position + 10),
                localHeaderOffset: localOffset,
                crc32: bytes.le32(position + 16)))
            position = next
        }
        return members
    }

    /// The length of a local file header (fixed part, name and extra field) given at least its
    /// first 30 bytes: the member's data starts this far after the header's offset.
    public static func localHeaderLength(_ header: [UInt8], source: String) throws(ZipDirectoryError) -> Int {
        guard header.count >= 30, header.le32(0) == 0x0403_4b50 else {
            throw .notAZip(path: source, reason: "damaged local file header")
        }
        return 30 + Int(header.le16(26)) + Int(header.le16(28))
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

/// The 64-bit values of a zip64 extended-information extra field (id 0x0001).
private struct Zip64Extra {
    var values: [UInt64] = []

    init(_ bytes: [UInt8]) {
        var position = 0
        while position + 4 <= bytes.count {
            let id = bytes.le16(position)
            let size = Int(bytes.le16(position + 2))
            let body = position + 4
            if id == 0x0001 {
                var field = body
                while field + 8 <= min(body + size, bytes.count) {
                    values.append(bytes.le64(field))
                    field += 8
                }
                return
            }
            position = body + size
        }
    }
}

extension Array where Element == UInt8 {
    fileprivate func le16(_ at: Int) -> UInt16 { UInt16(self[at]) | UInt16(self[at + 1]) << 8 }
    fileprivate func le32(_ at: Int) -> UInt32 { UInt32(le16(at)) | UInt32(le16(at + 2)) << 16 }
    fileprivate func le64(_ at: Int) -> UInt64 { UInt64(le32(at)) | UInt64(le32(at + 4)) << 32 }
}
