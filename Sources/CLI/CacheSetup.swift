import Cache
import SystemSupport

extension GlobalOptions {
    /// `KILN_LOCK_TIMEOUT` in seconds, default 10 minutes (DESIGN.md, "Cache").
    var lockTimeout: Duration {
        let environment = ProcessEnvironment.variables
        if let text = environment["KILN_LOCK_TIMEOUT"], let seconds = Double(text), seconds >= 0 {
            return .milliseconds(Int64(seconds * 1000))
        }
        return .seconds(600)
    }

    var cachePath: String {
        CacheRoot.defaultPath(cacheDir: cacheDir, environment: ProcessEnvironment.variables)
    }

    /// Opens the cache the options name (a temporary one under --no-cache), holding the shared root lock.
    func openCache(_ console: Console) async throws -> CacheRoot {
        if noCache {
            return try await CacheRoot.temporary(lockTimeout: lockTimeout)
        }
        return try await CacheRoot.open(at: cachePath, lockTimeout: lockTimeout, onWait: console.info)
    }
}
