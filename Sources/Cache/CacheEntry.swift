#if canImport(Glibc)
import Glibc
#endif
import CSystem
import SystemSupport

/// Creating a cache entry that many processes may want at once (a download, an unpacked wheel,
/// a build): look; if missing, take the entry's exclusive lock (saying what is waited for if
/// another process has it); look again; produce into a temporary sibling; publish with one
/// rename. Readers see the entry whole or not at all, and N concurrent requests do the work once.
///
/// An entry may be a file, a directory or a symlink. Once published it is never modified: to
/// change it, publish a new entry under another name, or remove it under the root's exclusive
/// lock (`kiln cache clean`).
public enum CacheEntry {
    /// The lock file that guards `entry`. It lives beside the entry so one directory holds both.
    public static func lockPath(for entry: String) -> String {
        FileSystem.join(FileSystem.parent(of: entry), "." + FileSystem.basename(of: entry) + ".lock")
    }

    /// True if something is published at `entry`. `lstat`, not `access`: a symlink entry whose
    /// target is gone still occupies the name.
    public static func isPublished(_ entry: String) -> Bool {
        CacheFileInfo.exists(entry)
    }

    /// Returns `entry` once it exists, producing it if needed. `produce` gets a temporary path in the
    /// same directory and must leave a file, directory or symlink there; anything it throws is
    /// rethrown unchanged after the temporary is removed, and nothing is published. `onWait` hears
    /// once, in words, what is being waited for when another process holds the entry's lock;
    /// `timeout` bounds that wait and the error names `resource`.
    public static func obtain(
        _ entry: String,
        resource: String,
        timeout: Duration,
        onWait: (String) -> Void = { _ in },
        produce: (String) async throws -> Void
    ) async throws -> ObtainedEntry {
        if isPublished(entry) { return ObtainedEntry(path: entry, wasProduced: false) }
        do {
            try FileSystem.createDirectories(FileSystem.parent(of: entry))
        } catch {
            throw CacheError.io(error)
        }
        let lock: FileLock
        do {
            lock = try await FileLock.acquire(
                lockPath(for: entry), mode: .exclusive, resource: resource, timeout: timeout, onWait: onWait)
        } catch {
            throw CacheError.lock(error)
        }
        defer { lock.release() }
        // Another process may have published it while we waited.
        if isPublished(entry) { return ObtainedEntry(path: entry, wasProduced: false) }
        // A producer killed while holding this lock left its temporary behind; nobody else can be
        // producing this entry now, so what a dead process left is garbage.
        removeAbandonedTemporaries(of: entry)

        let temporary = FileSystem.temporarySibling(of: entry)
        do {
            try await produce(temporary)
        } catch {
            try? FileSystem.removeTree(temporary)
            throw error
        }
        guard isPublished(temporary) else { throw CacheError.nothingProduced(entry: entry) }
        let published = try publish(temporary, as: entry)
        return ObtainedEntry(path: entry, wasProduced: published)
    }

    /// Moves a finished `temporary` (in the same directory) to `entry` with one rename that never
    /// replaces: if something is already published there, the temporary is removed and the result
    /// is false. Use it directly for entries whose content is fixed by their name (content-addressed
    /// files), where two processes producing the same entry is harmless and no lock is needed.
    @discardableResult
    public static func publish(_ temporary: String, as entry: String) throws(CacheError) -> Bool {
        if kiln_renameat2_noreplace(AT_FDCWD, temporary, AT_FDCWD, entry) == 0 { return true }
        var code = errno
        if code == EINVAL || code == ENOSYS {
            // The filesystem has no RENAME_NOREPLACE (some network filesystems). A plain rename
            // replaces a file or an empty directory, so look first; the entry lock closes the gap
            // for entries made through `obtain`.
            if isPublished(entry) {
                code = EEXIST
            } else if rename(temporary, entry) == 0 {
                return true
            } else {
                code = errno
            }
        }
        try? FileSystem.removeTree(temporary)
        if code == EEXIST || code == ENOTEMPTY { return false }
        throw .io(SystemCallError("cannot publish cache entry", path: entry, code: code))
    }

    /// Removes temporaries of `entry` whose creator is dead or that are older than an hour.
    static func removeAbandonedTemporaries(of entry: String, now: CacheTimestamp = .now) {
        let directory = FileSystem.parent(of: entry)
        let name = FileSystem.basename(of: entry)
        guard let names = try? FileSystem.listDirectory(directory) else { return }
        for candidate in names {
            guard let temporary = CacheTemporaryName(parsing: candidate), temporary.entryName == name else { continue }
            let path = FileSystem.join(directory, candidate)
            guard let info = try? CacheFileInfo.of(path) else { continue }
            if temporary.isAbandoned(modifiedAt: info.modified, now: now) {
                try? FileSystem.removeTree(path)
            }
        }
    }
}

public struct ObtainedEntry: Sendable, Equatable {
    public let path: String
    /// True if this process did the work; false if the entry was already there or another process made it.
    public let wasProduced: Bool

    public init(path: String, wasProduced: Bool) {
        self.path = path
        self.wasProduced = wasProduced
    }
}
