import CArchive
import SystemSupport

/// Reads `<name>.dist-info/METADATA` out of a wheel: a built wheel found in the cache answers a
/// metadata request without running any hook.
enum WheelMetadataMember {
    /// METADATA is a few kilobytes; anything this large is not one.
    static let sizeLimit = 16 << 20

    static func read(_ wheel: String) throws(BuildError) -> [UInt8] {
        guard let reader = kiln_archive_read_new() else {
            throw .cache(kiln_archive_load_error().map { String(cString: $0) } ?? "cannot allocate an archive reader")
        }
        defer { kiln_archive_read_free(reader) }
        kiln_archive_read_support_format_zip_seekable(reader)
        guard kiln_archive_read_open_filename(reader, wheel, 1 << 16) == ARCHIVE_OK else { throw failure(wheel, reader) }
        var header: OpaquePointer?
        while true {
            let status = kiln_archive_read_next_header(reader, &header)
            if status == ARCHIVE_EOF { break }
            guard status >= ARCHIVE_WARN, let header else { throw failure(wheel, reader) }
            let name = (kiln_archive_entry_pathname_utf8(header) ?? kiln_archive_entry_pathname(header)).map { String(cString: $0) } ?? ""
            let parts = name.split(separator: "/")
            guard parts.count == 2, parts[0].hasSuffix(".dist-info"), parts[1] == "METADATA" else { continue }
            var result: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = buffer.withUnsafeMutableBytes { kiln_archive_read_data(reader, $0.baseAddress, $0.count) }
                if count == 0 { return result }
                guard count > 0 else { throw failure(wheel, reader) }
                result += buffer.prefix(count)
                guard result.count <= sizeLimit else { throw .cache("\(wheel): METADATA is implausibly large") }
            }
        }
        throw .cache("the built wheel \(wheel) has no .dist-info/METADATA; remove it with `kiln cache clean`")
    }

    private static func failure(_ wheel: String, _ reader: OpaquePointer) -> BuildError {
        .cache("cannot read the built wheel \(wheel): " + (kiln_archive_error_string(reader).map { String(cString: $0) } ?? "unknown libarchive error"))
    }
}
