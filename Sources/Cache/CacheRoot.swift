#if canImport(Glibc)
import Glibc
#endif
import PackagingModel
import SystemSupport

/// The one directory every kiln process shares. Opening it takes a shared lock on the root that is
/// held for the life of the value; `clean` and `prune` need that lock exclusively, so they never
/// pull an entry from under a running install or build.
public final class CacheRoot: Sendable {
    public let path: String
    /// How long to wait for an entry's lock before giving up (`KILN_LOCK_TIMEOUT`): the stores use
    /// it for every entry they obtain.
    public let lockTimeout: Duration
    /// True for the `clean`/`prune` handle: no other kiln process is using the cache.
    public let isExclusive: Bool
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

    /// Ten minutes (DESIGN.md, "Cache"): long enough for a large build another process is running.
    public static let defaultLockTimeout = Duration.seconds(600)

    /// `KILN_LOCK_TIMEOUT` (seconds, fractions allowed), else the default.
    public static func lockTimeout(environment: [String: String]) throws(CacheError) -> Duration {
        guard let text = environment["KILN_LOCK_TIMEOUT"], !text.isEmpty else { return defaultLockTimeout }
        guard let seconds = Double(text), seconds >= 0, seconds.isFinite else { throw .invalidLockTimeout(text) }
        return .milliseconds(Int64(seconds * 1000))
    }

    /// Opens (creating if needed) the cache at `path` and takes the shared root lock.
    public static func open(
        at path: String, lockTimeout: Duration, onWait: (String) -> Void = { _ in }
    ) async throws(CacheError) -> CacheRoot {
        try await open(at: path, temporary: false, lockTimeout: lockTimeout, onWait: onWait)
    }

    /// A fresh cache in a temporary directory, removed when the value is released (`--no-cache`).
    /// Temporary caches of killed processes are removed first.
    public static func temporary(lockTimeout: Duration) async throws(CacheError) -> CacheRoot {
        let base = ProcessEnvironment.temporaryDirectory
        AbandonedTemporaryCaches.sweep(in: base)
        let path = FileSystem.join(base, AbandonedTemporaryCaches.name(processID: ProcessEnvironment.processID))
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
        return CacheRoot(path: path, isTemporary: temporary, isExclusive: false, lockTimeout: lockTimeout, rootLock: lock)
    }

    /// For `clean`/`prune`: the same root, but holding the lock exclusively (no other kiln is using it).
    /// A root that does not exist yet is returned without a lock: there is nothing to remove.
    public static func openExclusively(
        at path: String, lockTimeout: Duration, onWait: (String) -> Void = { _ in }
    ) async throws(CacheError) -> CacheRoot {
        guard FileSystem.isDirectory(path) else {
            return CacheRoot(path: path, isTemporary: false, isExclusive: true, lockTimeout: lockTimeout, rootLock: nil)
        }
        // A read-only root (0555, as `chmod -R a-w` leaves it) cannot hold a new lock file; the
        // caller is about to remove things in it anyway, so give the owner write access back.
        if let status = try? FileStatus.of(path), status.mode & 0o200 == 0 {
            _ = chmod(path, mode_t(status.mode | 0o700))
        }
        do {
            let lock = try await FileLock.acquire(
                FileSystem.join(path, ".lock"), mode: .exclusive,
                resource: "the cache at \(path) (other kiln processes are using it)",
                timeout: lockTimeout, onWait: onWait)
            return CacheRoot(path: path, isTemporary: false, isExclusive: true, lockTimeout: lockTimeout, rootLock: lock)
        } catch {
            throw .lock(error)
        }
    }

    private init(path: String, isTemporary: Bool, isExclusive: Bool, lockTimeout: Duration, rootLock: FileLock?) {
        self.path = path
        self.isTemporary = isTemporary
        self.isExclusive = isExclusive
        self.lockTimeout = lockTimeout
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

    /// The directory of one package in a bucket keyed by package (`CacheBucket.isKeyedByPackage`):
    /// `<bucket>/<PEP 503 normalised name>/`, which `kiln cache clean NAME` removes.
    public func packageDirectory(_ bucket: CacheBucket, _ package: PackageName) throws(CacheError) -> String {
        try entryPath(bucket, [package.normalized])
    }
}
