import PackagingModel
import SystemSupport

/// `kiln cache clean` and `kiln cache prune`. Only obtainable with the root's lock held
/// exclusively, so no other kiln process is reading or producing an entry while one is removed:
/// removing under that lock is what makes it safe to delete lock files and temporaries too.
public struct CacheMaintenance: Sendable {
    public let root: CacheRoot

    /// Opens the cache at `path` for maintenance, waiting (and telling `onWait` what for) until
    /// every other kiln process has let go of it.
    public static func open(
        at path: String, lockTimeout: Duration, onWait: (String) -> Void = { _ in }
    ) async throws(CacheError) -> CacheMaintenance {
        CacheMaintenance(root: try await CacheRoot.openExclusively(at: path, lockTimeout: lockTimeout, onWait: onWait))
    }

    private init(root: CacheRoot) {
        self.root = root
    }

    /// Removes everything in the cache except the root's lock file, which other processes may be
    /// waiting on right now (a fresh lock file would let them and a later `clean` both in).
    /// Read-only trees are made writable and removed.
    public func cleanAll() throws(CacheError) -> CacheRemovalReport {
        var report = CacheRemovalReport()
        for name in try CacheTree.list(root.path) where name != Self.rootLockName {
            try remove(name, reason: .everything, into: &report)
        }
        return report
    }

    /// Removes the entries of `packages` in every bucket (see `CacheBucket` for how a name maps to
    /// entries): `<bucket>/<name>/` in buckets keyed by package; wheels and sdists in the archive
    /// store and among built wheels whose filenames name the package; unpacked wheels whose
    /// `.dist-info` names it; with their lock files and the directories this empties.
    public func clean(packages: [PackageName]) throws(CacheError) -> CacheRemovalReport {
        var report = CacheRemovalReport()
        for package in packages {
            for bucket in CacheBucket.allCases where bucket.isKeyedByPackage {
                let relative = FileSystem.join(bucket.rawValue, package.normalized)
                if CacheFileInfo.exists(absolute(relative)) {
                    try remove(relative, reason: .package(package), into: &report)
                }
            }
            for bucket in [CacheBucket.archives, .builtWheels] {
                try cleanDistributionFiles(in: bucket.rawValue, of: package, into: &report)
            }
            for wheel in try UnpackedWheel.all(in: self) where wheel.project == package.normalized {
                try removeEntry(wheel.path, reason: .package(package), into: &report)
            }
        }
        return report
    }

    /// Wheels and sdists whose filenames name `package`, wherever they sit in `bucket` (the
    /// archive store keys them by digest, so the filename is the only place the name appears).
    private func cleanDistributionFiles(
        in relative: String, depth: Int = 0, of package: PackageName, into report: inout CacheRemovalReport
    ) throws(CacheError) {
        for name in try CacheTree.list(absolute(relative)) where !name.hasPrefix(".") {
            let child = FileSystem.join(relative, name)
            switch try CacheFileInfo.of(absolute(child))?.kind {
            case .directory where depth < Self.distributionSearchDepth:
                try cleanDistributionFiles(in: child, depth: depth + 1, of: package, into: &report)
            case .regular where DistributionFileOwner.belongs(name, to: package):
                try removeEntry(child, reason: .package(package), into: &report)
            default:
                continue
            }
        }
    }

    /// `archives-v1/sha256/<ab>/<digest>/<file>` is four levels down; allow one more.
    static let distributionSearchDepth = 5

    static let rootLockName = ".lock"

    func absolute(_ relative: String) -> String {
        FileSystem.join(root.path, relative)
    }

    /// Removes `relative` (under the root) and records it with the bytes that freed.
    func remove(_ relative: String, reason: CacheRemovalReport.Reason, into report: inout CacheRemovalReport) throws(CacheError) {
        let bytes = try CacheTree.remove(absolute(relative))
        report.record(relative, bytes: bytes, reason: reason)
    }

    /// Removes an entry with its lock file, then the directories above it that this left empty
    /// (up to, not including, the bucket).
    func removeEntry(_ relative: String, reason: CacheRemovalReport.Reason, into report: inout CacheRemovalReport) throws(CacheError) {
        try remove(relative, reason: reason, into: &report)
        let lock = CacheEntry.lockPath(for: relative)
        if CacheFileInfo.exists(absolute(lock)) { try remove(lock, reason: .orphanLock, into: &report) }
        var parent = FileSystem.parent(of: relative)
        while parent.contains("/") {
            try removeIfEmpty(parent, into: &report)
            parent = FileSystem.parent(of: parent)
        }
    }

    func removeIfEmpty(_ relative: String, into report: inout CacheRemovalReport) throws(CacheError) {
        let path = absolute(relative)
        guard CacheFileInfo.exists(path), try CacheTree.list(path).isEmpty else { return }
        try remove(relative, reason: .emptyDirectory, into: &report)
    }
}
