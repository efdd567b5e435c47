import SystemSupport
#if canImport(Glibc)
import Glibc
#endif

/// Random access to the bytes of a zip archive, wherever they are: on disk, in memory, or on a
/// server that answers HTTP range requests.
protocol ZipByteSource: Sendable {
    var size: UInt64 { get }
    /// A label for messages (a path or a redacted URL).
    var label: String { get }
    func read(offset: UInt64, count: Int) async throws(WheelMetadataError) -> [UInt8]
}

/// The whole archive in memory (a server that ignored `Range` sent all of it).
struct InMemoryZip: ZipByteSource {
    let bytes: [UInt8]
    let label: String

    var size: UInt64 { UInt64(bytes.count) }

    func read(offset: UInt64, count: Int) async throws(WheelMetadataError) -> [UInt8] {
        let start = Int(min(offset, size))
        return Array(bytes[start..<min(start + count, bytes.count)])
    }
}

/// An archive on local disk, read with `pread`.
struct LocalZip: ZipByteSource {
    let path: String
    let size: UInt64

    var label: String { path }

    init(path: String) throws(WheelMetadataError) {
        let status: FileStatus?
        do {
            status = try FileStatus.of(path)
        } catch {
            throw .archive(.io(error))
        }
        guard let info = status else { throw .archive(.io(SystemCallError("cannot stat", path: path))) }
        self.path = path
        self.size = UInt64(info.size)
    }

    func read(offset: UInt64, count: Int) async throws(WheelMetadataError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .archive(.io(SystemCallError("cannot open", path: path))) }
        defer { close(fd) }
        do {
            return try FileSystem.readRange(fd: fd, offset: offset, count: count, path: path)
        } catch {
            throw .archive(.io(error))
        }
    }
}
