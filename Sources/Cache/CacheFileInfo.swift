#if canImport(Glibc)
import Glibc
#endif
import SystemSupport

/// What `clean` and `prune` need to know about one path, from `lstat` (never following links:
/// a symlink in the cache is removed, not what it points at). The link count is what tells
/// whether removing a file frees its bytes.
struct CacheFileInfo: Sendable, Equatable {
    typealias Kind = FileStatus.Kind

    let kind: Kind
    let size: Int64
    let linkCount: UInt64
    let modified: CacheTimestamp

    static func of(_ path: String) throws(CacheError) -> CacheFileInfo? {
        let status: FileStatus?
        do {
            status = try FileStatus.of(path, followSymlinks: false)
        } catch {
            throw .io(error)
        }
        return status.map {
            CacheFileInfo(kind: $0.kind, size: $0.size, linkCount: $0.linkCount,
                          modified: CacheTimestamp(secondsSinceEpoch: $0.modificationSeconds))
        }
    }

    static func exists(_ path: String) -> Bool {
        (try? of(path)).flatMap { $0 } != nil
    }
}

/// Measuring and removing trees for `clean` and `prune`.
enum CacheTree {
    /// The bytes removing `path` gives back: regular files no other hard link keeps alive.
    /// A file linked into a virtual environment stays on disk after the cache drops it.
    static func freeableBytes(_ path: String) throws(CacheError) -> Int64 {
        guard let info = try CacheFileInfo.of(path) else { return 0 }
        switch info.kind {
        case .regular:
            return info.linkCount <= 1 ? info.size : 0
        case .directory:
            var total: Int64 = 0
            for name in try list(path) { total += try freeableBytes(FileSystem.join(path, name)) }
            return total
        case .symlink, .other:
            return 0
        }
    }

    static func list(_ directory: String) throws(CacheError) -> [String] {
        do {
            return try FileSystem.listDirectory(directory)
        } catch {
            if error.code == ENOENT { return [] }
            throw .io(error)
        }
    }

    /// Removes `path` (read-only trees included) and says how many bytes that freed.
    static func remove(_ path: String) throws(CacheError) -> Int64 {
        let bytes = try freeableBytes(path)
        // Unlinking needs write access to the directory holding the entry: a read-only tree
        // (0555) gets it back, as `removeTree` does for the directories it descends into.
        let parent = FileSystem.parent(of: path)
        if let status = try? FileStatus.of(parent), status.mode & 0o300 != 0o300 {
            _ = chmod(parent, mode_t(status.mode | 0o700))
        }
        do {
            try FileSystem.removeTree(path)
        } catch {
            throw .io(error)
        }
        return bytes
    }

    /// True if any regular file under `path` has another hard link: an environment uses it.
    static func hasLinkedFile(_ path: String) throws(CacheError) -> Bool {
        guard let info = try CacheFileInfo.of(path) else { return false }
        switch info.kind {
        case .regular:
            return info.linkCount > 1
        case .directory:
            for name in try list(path) {
                if try hasLinkedFile(FileSystem.join(path, name)) { return true }
            }
            return false
        case .symlink, .other:
            return false
        }
    }
}
