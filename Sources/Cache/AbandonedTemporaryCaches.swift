import SystemSupport

/// `--no-cache` caches (`$TMPDIR/kiln-no-cache-<pid>-<n>`) are removed when their process lets go
/// of them, but a process killed by a signal never does. Each new temporary cache sweeps up the
/// ones such processes left: their pid is gone *and* nobody holds their root lock (a pid alone
/// may have been reused; the lock alone is not yet taken by a process that just made its directory).
enum AbandonedTemporaryCaches {
    static let prefix = "kiln-no-cache-"

    static func name(processID: Int32) -> String {
        "\(prefix)\(processID)-\(UInt32.random(in: 0...UInt32.max))"
    }

    static func sweep(in base: String) {
        guard let names = try? FileSystem.listDirectory(base) else { return }
        for name in names {
            guard let processID = Self.processID(inName: name), !CacheTemporaryName.isAlive(processID) else { continue }
            let path = FileSystem.join(base, name)
            guard FileSystem.isDirectory(path),
                let lock = try? FileLock.tryAcquire(FileSystem.join(path, ".lock"), mode: .exclusive)
            else { continue }
            try? FileSystem.removeTree(path)
            lock.release()
        }
    }

    /// `kiln-no-cache-<pid>-<n>` → pid.
    static func processID(inName name: String) -> Int32? {
        guard name.hasPrefix(prefix) else { return nil }
        let parts = name.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, UInt32(parts[1]) != nil, let pid = Int32(parts[0]), pid > 0 else { return nil }
        return pid
    }
}
