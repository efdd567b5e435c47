import SystemSupport

/// The one directory every kiln process shares. Opening it takes a shared lock on the root that is
/// held for the life of the value; `clean` and `prune` need that lock exclusively, so they never
/// pull an entry from under a running install or build.
public final class CacheRoot: Sendable {
    public let path: String
    /// Removes the root when released: the `--no-cache` temporary cache.
    private let isTemporary: Bool
    private let rootLock: FileLock?

    /// Where the cache lives: `--cache-dir`, then `KILN_CACHE_DIR`, then `$XDG_CACHE_HOME/kiln`,
    /// then `~/.cache/kiln`.
    public static func defaultPath(cacheDir: String?, environment: [String: String]) -> String {
        if let cacheDir, !cacheDir.isEmpty { return FileSystem.absolute(cacheDir) }
        if let dir = environment["KILN_CACHE_DIR"], !dir.isEmpty { return FileSystem.absolute(dir) }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return FileSystem.join(xdg, "kiln") }
        let home = environment["HOME"] ?? "/tmp"
        return FileSystem.join(home, ".cache/kiln")
    }

    /// Opens (creating if needed) the cache at `path` and takes the shared root lock.
    public static func open(
        at path: String, lockTimeout: Duration, onWait: (String) -> Void = { _ in }
    ) async throws(CacheError) -> CacheRoot {
        try await open(at: path, temporary: false, lockTimeout: lockTimeout, onWait: onWait)
    }

    /// A fresh cache in a temporary directory, removed when the value is released (`--no-cache`).
    public static func temporary(lockTimeout: Duration) async throws(CacheError) -> CacheRoot {
        let base = ProcessEnvironment.temporaryDirectory
        let path = FileSystem.join(base, "kiln-no-cache-\(ProcessEnvironment.processID)-\(UInt32.random(in: 0...UInt32.max))")
        return try await open(at: path, temporary: true, lockTimeout: lockTimeout, onWait: { _ in })
    }

    private static func open(
        at path: String, temporary: Bool, lockTimeout: Duration, onWait: (String) -> Void
    ) async throws(CacheError) -> CacheRoot {
        do {
            try FileSystem.createDirectories(path)
        } catch {
            throw .unusableRoot(path: path, reason: error.description)
        }
        let lock: FileLock
        do {
            lock = try await FileLock.acquire(
                FileSystem.join(path, ".lock"), mode: .shared,
                resource: "the cache at \(path) (a `kiln cache clean` or `prune` is running)",
                timeout: lockTimeout, onWait: onWait)
        } catch {
            throw .lock(error)
        }
        return CacheRoot(path: path, isTemporary: temporary, rootLock: lock)
    }

    /// For `clean`/`prune`: the same root, but holding the lock exclusively (no other kiln is using it).
    public static func openExclusively(
        at path: String, lockTimeout: Duration, onWait: (String) -> Void = { _ in }
    ) async throws(CacheError) -> CacheRoot {
        guard FileSystem.isDirectory(path) else {
            return CacheRoot(path: path, isTemporary: false, rootLock: nil)
        }
        do {
            let lock = try await FileLock.acquire(
                FileSystem.join(path, ".lock"), mode: .exclusive,
                resource: "the cache at \(path) (other kiln processes are using it)",
                timeout: lockTimeout, onWait: onWait)
            return CacheRoot(path: path, isTemporary: false, rootLock: lock)
        } catch {
            throw .lock(error)
        }
    }

    private init(path: String, isTemporary: Bool, rootLock: FileLock?) {
        self.path = path
        self.isTemporary = isTemporary
        self.rootLock = rootLock
    }

    deinit {
        if isTemporary { try? FileSystem.removeTree(path) }
    }

    /// The bucket's directory, created on first use.
    public func bucket(_ bucket: CacheBucket) throws(CacheError) -> String {
        let directory = FileSystem.join(path, bucket.rawValue)
        do {
            try FileSystem.createDirectories(directory)
        } catch {
            throw .unusableRoot(path: directory, reason: error.description)
        }
        return directory
    }

    /// A path inside a bucket, from key components that have already been made filesystem-safe.
    public func entryPath(_ bucket: CacheBucket, _ components: [String]) throws(CacheError) -> String {
        var current = try self.bucket(bucket)
        for component in components {
            guard CacheKey.isSafeComponent(component) else { throw .invalidKey(component) }
            current = FileSystem.join(current, component)
        }
        return current
    }
}
