#if canImport(Glibc)
import Glibc
#endif

/// The identity of a file as the kernel sees it: what changed when a symlink is retargeted or an
/// interpreter is replaced in place.
public struct FileStatus: Equatable, Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable { case regular, directory, symlink, other }

    public let kind: Kind
    public let device: UInt64
    public let inode: UInt64
    public let size: Int64
    public let modificationSeconds: Int64
    public let modificationNanoseconds: Int64
    /// The inode change time: set by the kernel on every write, chmod or link, and unlike the
    /// modification time not settable by `touch`, so a file with the same one is unchanged.
    public let changeSeconds: Int64
    public let changeNanoseconds: Int64
    public let mode: UInt32
    /// How many names (hard links) the file has.
    public let linkCount: UInt64

    /// A status as recorded earlier (a cache entry that identifies a file by it).
    public init(
        kind: Kind, device: UInt64, inode: UInt64, size: Int64, modificationSeconds: Int64, modificationNanoseconds: Int64,
        changeSeconds: Int64, changeNanoseconds: Int64, mode: UInt32, linkCount: UInt64
    ) {
        self.kind = kind
        self.device = device
        self.inode = inode
        self.size = size
        self.modificationSeconds = modificationSeconds
        self.modificationNanoseconds = modificationNanoseconds
        self.changeSeconds = changeSeconds
        self.changeNanoseconds = changeNanoseconds
        self.mode = mode
        self.linkCount = linkCount
    }

    /// `stat` of `path`, following symlinks unless `followSymlinks` is false; nil if it does not exist.
    public static func of(_ path: String, followSymlinks: Bool = true) throws(SystemCallError) -> FileStatus? {
        var info = stat()
        let result = followSymlinks ? stat(path, &info) : lstat(path, &info)
        if result != 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw SystemCallError("cannot stat", path: path)
        }
        let kind: Kind
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symlink
        default: kind = .other
        }
        return FileStatus(
            kind: kind,
            device: UInt64(info.st_dev),
            inode: UInt64(info.st_ino),
            size: Int64(info.st_size),
            modificationSeconds: Int64(info.st_mtim.tv_sec),
            modificationNanoseconds: Int64(info.st_mtim.tv_nsec),
            changeSeconds: Int64(info.st_ctim.tv_sec),
            changeNanoseconds: Int64(info.st_ctim.tv_nsec),
            mode: UInt32(info.st_mode & 0o7777),
            linkCount: UInt64(info.st_nlink)
        )
    }
}
