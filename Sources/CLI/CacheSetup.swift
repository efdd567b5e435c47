import Cache
import SystemSupport

extension GlobalOptions {
    /// `KILN_LOCK_TIMEOUT` in seconds, default 10 minutes (DESIGN.md, "Cache"). An unreadable value
    /// falls back to the default here; `openCache` and `checkedLockTimeout` reject it instead.
    var lockTimeout: Duration {
        (try? checkedLockTimeout()) ?? CacheRoot.defaultLockTimeout
    }

    /// `KILN_LOCK_TIMEOUT`, or an error naming the bad value.
    func checkedLockTimeout() throws(CacheError) -> Duration {
        try CacheRoot.lockTimeout(environment: ProcessEnvironment.variables)
    }

    var cachePath: String {
        CacheRoot.defaultPath(cacheDir: cacheDir, environment: ProcessEnvironment.variables)
    }

    /// Opens the cache the options name (a temporary one under --no-cache, removed when the
    /// returned value is released), holding the shared root lock.
    func openCache(_ console: Console) async throws -> CacheRoot {
        let timeout = try checkedLockTimeout()
        if noCache {
            return try await CacheRoot.temporary(lockTimeout: timeout)
        }
        return try await CacheRoot.open(at: cachePath, lockTimeout: timeout, onWait: console.info)
    }
}
