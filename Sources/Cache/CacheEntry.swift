#if canImport(Glibc)
import Glibc
#endif
import SystemSupport

/// Creating a cache entry that many processes may want at once (a download, an unpacked wheel,
/// a build): look; if missing, take the entry's exclusive lock (saying what is waited for if
/// another process has it); look again; produce into a temporary sibling; publish with one
/// `rename(2)`. Readers see the entry whole or not at all, and N concurrent requests do the work once.
public enum CacheEntry {
    /// The lock file that guards `entry`. It lives beside the entry so one directory holds both.
    public static func lockPath(for entry: String) -> String {
        FileSystem.join(FileSystem.parent(of: entry), "." + FileSystem.basename(of: entry) + ".lock")
    }

    /// Returns `entry` once it exists, producing it if needed. `produce` gets a temporary path in the
    /// same directory and must leave a file or directory there; anything it throws is rethrown
    /// unchanged after the temporary is removed, and nothing is published.
    public static func obtain(
        _ entry: String,
        resource: String,
        timeout: Duration,
        onWait: (String) -> Void = { _ in },
        produce: (String) async throws -> Void
    ) async throws -> ObtainedEntry {
        if FileSystem.exists(entry) { return ObtainedEntry(path: entry, wasProduced: false) }
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
        if FileSystem.exists(entry) { return ObtainedEntry(path: entry, wasProduced: false) }

        let temporary = FileSystem.temporarySibling(of: entry)
        do {
            try await produce(temporary)
        } catch {
            try? FileSystem.removeTree(temporary)
            throw error
        }
        guard rename(temporary, entry) == 0 else {
            let failure = SystemCallError("cannot publish cache entry", path: entry)
            try? FileSystem.removeTree(temporary)
            throw CacheError.io(failure)
        }
        return ObtainedEntry(path: entry, wasProduced: true)
    }
}

public struct ObtainedEntry: Sendable, Equatable {
    public let path: String
    /// True if this process did the work; false if the entry was already there or another process made it.
    public let wasProduced: Bool
}
