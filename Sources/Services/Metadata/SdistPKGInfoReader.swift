import CArchive
import SystemSupport

/// Why PKG-INFO could not be read from an sdist.
public struct SdistArchiveError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String { "cannot read \(path) as a source archive: \(reason)" }
}

/// Finds `<top>/PKG-INFO` (one directory deep, as sdists lay it out) in a .tar.gz/.zip sdist.
enum SdistPKGInfoReader {
    /// PKG-INFO is a few kilobytes; anything this large is not one.
    static let sizeLimit = 16 << 20

    static func pkgInfo(ofArchiveAt path: String) throws(SdistArchiveError) -> [UInt8]? {
        guard let reader = kiln_archive_read_new() else {
            throw SdistArchiveError(path: path, reason: kiln_archive_load_error().map { String(cString: $0) } ?? "out of memory")
        }
        defer { kiln_archive_read_free(reader) }
        kiln_archive_read_support_filter_all(reader)
        kiln_archive_read_support_format_all(reader)
        guard kiln_archive_read_open_filename(reader, path, 1 << 16) == ARCHIVE_OK else {
            throw SdistArchiveError(path: path, reason: errorText(reader))
        }
        var header: OpaquePointer?
        while true {
            let status = kiln_archive_read_next_header(reader, &header)
            if status == ARCHIVE_EOF { return nil }
            guard status == ARCHIVE_OK || status == ARCHIVE_WARN, let entry = header else {
                throw SdistArchiveError(path: path, reason: errorText(reader))
            }
            let name = (kiln_archive_entry_pathname_utf8(entry) ?? kiln_archive_entry_pathname(entry)).map { String(cString: $0) } ?? ""
            let parts = name.split(separator: "/")
            guard parts.count == 2, parts[1] == "PKG-INFO" else { continue }
            return try readData(reader, path: path)
        }
    }

    private static func readData(_ reader: OpaquePointer, path: String) throws(SdistArchiveError) -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { kiln_archive_read_data(reader, $0.baseAddress, $0.count) }
            if count == 0 { return result }
            guard count > 0 else { throw SdistArchiveError(path: path, reason: errorText(reader)) }
            result += buffer.prefix(count)
            guard result.count <= sizeLimit else { throw SdistArchiveError(path: path, reason: "PKG-INFO is implausibly large") }
        }
    }

    private static func errorText(_ reader: OpaquePointer) -> String {
        kiln_archive_error_string(reader).map { String(cString: $0) } ?? "unknown libarchive error"
    }
}
