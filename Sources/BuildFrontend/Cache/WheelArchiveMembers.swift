#if canImport(Glibc)
import Glibc
#endif
import CArchive
import SystemSupport

/// A wheel's members read once with libarchive: each file's size and SHA-256, and RECORD's bytes.
struct WheelArchiveMembers {
    struct Member: Equatable {
        let size: UInt64
        let sha256: [UInt8]
    }

    var members: [String: Member] = [:]
    var record: [UInt8]?

    /// RECORD larger than this is not a RECORD.
    static let recordLimit = 64 << 20

    static func read(_ wheel: String, recordPath: String) throws(WheelCheckError) -> WheelArchiveMembers {
        guard let reader = kiln_archive_read_new() else {
            throw .unreadable(kiln_archive_load_error().map { String(cString: $0) } ?? "cannot allocate an archive reader")
        }
        defer { kiln_archive_read_free(reader) }
        kiln_archive_read_support_format_zip_seekable(reader)
        guard kiln_archive_read_open_filename(reader, wheel, 1 << 16) == ARCHIVE_OK else { throw .unreadable(message(reader)) }
        var result = WheelArchiveMembers()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var header: OpaquePointer?
        while true {
            let status = kiln_archive_read_next_header(reader, &header)
            if status == ARCHIVE_EOF { break }
            guard status >= ARCHIVE_WARN, let header else { throw .unreadable(message(reader)) }
            guard let cName = kiln_archive_entry_pathname_utf8(header) ?? kiln_archive_entry_pathname(header) else { continue }
            let name = String(cString: cName)
            if name.hasSuffix("/") { continue }
            var hasher = SHA256Hasher()
            var size: UInt64 = 0
            var kept: [UInt8] = []
            let isRecord = name == recordPath
            while true {
                let count = buffer.withUnsafeMutableBytes { kiln_archive_read_data(reader, $0.baseAddress, $0.count) }
                if count == 0 { break }
                guard count > 0 else { throw .unreadable("\(name): \(message(reader))") }
                buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                size += UInt64(count)
                if isRecord {
                    kept += buffer.prefix(count)
                    if kept.count > recordLimit { throw .unreadable("\(name) is implausibly large") }
                }
            }
            result.members[name] = Member(size: size, sha256: hasher.finalizeBytes())
            if isRecord { result.record = kept }
        }
        return result
    }

    private static func message(_ archive: OpaquePointer) -> String {
        kiln_archive_error_string(archive).map { String(cString: $0) } ?? "unknown libarchive error"
    }
}
