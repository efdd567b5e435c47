#if canImport(Glibc)
import Glibc
#endif
import SystemSupport

/// Which METADATA file, exactly, a parsed entry was derived from: its length, inode and
/// modification and change times (`ParsedMetadataLayout` says why these and not a digest).
struct MetadataFileIdentity: Sendable, Equatable {
    let length: UInt64
    let inode: UInt64
    /// Nanoseconds since the epoch.
    let modified: Int64
    let changed: Int64

    init(length: UInt64, inode: UInt64, modified: Int64, changed: Int64) {
        self.length = length
        self.inode = inode
        self.modified = modified
        self.changed = changed
    }

    init(_ status: stat) {
        self.init(
            length: UInt64(status.st_size), inode: UInt64(status.st_ino),
            modified: Int64(status.st_mtim.tv_sec) &* 1_000_000_000 &+ Int64(status.st_mtim.tv_nsec),
            changed: Int64(status.st_ctim.tv_sec) &* 1_000_000_000 &+ Int64(status.st_ctim.tv_nsec))
    }

    /// The identity of the file at `path` now; nil when it is missing or not a regular file.
    static func of(_ path: String) -> MetadataFileIdentity? {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        return MetadataFileIdentity(status)
    }

    /// The bytes of the file at `path` and the identity of the very file they were read from
    /// (one descriptor for both: a file renamed over `path` meanwhile cannot mix the two). The
    /// identity is nil when the file changed length while it was read (never a cache entry:
    /// those are renamed in whole): nothing should be derived from such bytes and kept.
    static func contents(of path: String) throws(SystemCallError) -> (bytes: [UInt8], identity: MetadataFileIdentity?) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemCallError("cannot open", path: path) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw SystemCallError("cannot stat", path: path) }
        let expected = Int(status.st_size)
        // One byte more than `stat` says, to notice a file that grew.
        var bytes = [UInt8](repeating: 0, count: expected + 1)
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress.map { $0 + filled }, $0.count - filled) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SystemCallError("cannot read", path: path)
            }
            if count == 0 { break }
            filled += count
        }
        if filled > expected {
            // It grew: read it all, and keep nothing derived from it.
            return (try FileSystem.readBytes(path), nil)
        }
        bytes.removeSubrange(filled...)
        return (bytes, filled == expected ? MetadataFileIdentity(status) : nil)
    }
}
