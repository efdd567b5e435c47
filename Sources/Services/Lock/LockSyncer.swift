import Cache
import Index
import Install
import Lock
import PackagingModel
import SystemSupport

/// What `kiln sync` was asked to do.
public struct LockSyncRequest: Sendable {
    public var lock: PackageLock
    /// The lock file's path: errors name it, and relative `path` entries are read from its directory.
    public var lockPath: String
    public var selection: SyncSelection
    /// Remove what the lock does not list (false with `--inexact`).
    public var exact: Bool
    public var dryRun: Bool
    public var install: InstallOptions

    public init(lock: PackageLock, lockPath: String, selection: SyncSelection = SyncSelection(), exact: Bool = true,
                dryRun: Bool = false, install: InstallOptions = InstallOptions()) {
        self.lock = lock
        self.lockPath = lockPath
        self.selection = selection
        self.exact = exact
        self.dryRun = dryRun
        self.install = install
    }
}

/// Why `kiln sync` could not make the environment match the lock.
public enum LockSyncError: Error, Sendable, Equatable, CustomStringConvertible {
    case lock(PylockError)
    /// An entry has only an sdist for this interpreter, and no builder was given.
    case sdistNeedsBuild(name: String, version: String, filename: String)
    /// Building a locked sdist failed.
    case build(filename: String, message: String)
    /// The wheel built from a locked sdist is not the locked name and version.
    case builtWheelMismatch(sdist: String, wheel: String, expected: String)
    /// A file has no SHA-256 in the lock (kiln checks SHA-256 only) or an unusable location.
    case unusableFile(name: String, filename: String, reason: String)
    /// The downloaded file is not the one the lock recorded.
    case hashMismatch(name: String, filename: String, expected: String, actual: String)
    case download(IndexError)
    case install(String)

    public var description: String {
        switch self {
        case .lock(let error):
            return error.description
        case .sdistNeedsBuild(let name, let version, let filename):
            return "\(name) \(version) has no wheel for this interpreter in the lock, only the sdist \(filename); "
                + "kiln sync installs wheels: lock for this platform, or build a wheel and install it"
        case .build(let filename, let message):
            return "building \(filename) failed: \(message)"
        case .builtWheelMismatch(let sdist, let wheel, let expected):
            return "\(sdist) built \(wheel), which is not \(expected) as locked; the sdist does not match the lock: lock again"
        case .unusableFile(let name, let filename, let reason):
            return "\(filename) (\(name)): \(reason)"
        case .hashMismatch(let name, let filename, let expected, let actual):
            return "\(filename) (\(name)) has SHA-256 \(actual), but the lock records \(expected); nothing was installed. "
                + "The file changed since the lock was made: lock again if the change is expected"
        case .download(let error):
            return error.description
        case .install(let message):
            return message
        }
    }
}

/// `kiln sync`: makes an environment hold exactly the lock's entries for its interpreter,
/// installed from the recorded files and checked against the recorded hashes. No resolution:
/// the lock decides every version. Every file is downloaded and checked before anything is
/// installed or removed.
public struct LockSyncer: Sendable {
    public let index: PackageIndex
    public let installer: InstallService
    public let environment: MarkerEnvironment
    public let tags: TagPriority
    /// Builds entries that have only an sdist for this interpreter; without one they are an error.
    public let builder: (any LockedSdistBuilding)?

    public init(index: PackageIndex, installer: InstallService, environment: MarkerEnvironment, tags: TagPriority,
                builder: (any LockedSdistBuilding)? = nil) {
        self.index = index
        self.installer = installer
        self.environment = environment
        self.tags = tags
        self.builder = builder
    }

    public func sync(_ request: LockSyncRequest) async throws(LockSyncError) -> SyncPlan {
        let current: [InstalledDistribution]
        do {
            current = try await installer.installed()
        } catch {
            throw .install(error.description)
        }
        let plan: SyncPlan
        do {
            plan = try request.lock.syncPlan(
                environment: environment, tags: tags, selection: request.selection,
                installed: current.map { InstalledPackage(name: $0.name, version: $0.version) },
                removeExtraneous: request.exact, source: request.lockPath)
        } catch {
            throw .lock(error)
        }
        var files: [(pick: SyncPlan.Pick, file: IndexFile, sha256: String)] = []
        for pick in plan.toInstall {
            let filename = pick.file.filename ?? "?"
            if pick.kind == .sdist && builder == nil {
                throw .sdistNeedsBuild(name: pick.name.normalized, version: pick.version.description, filename: filename)
            }
            files.append(try indexFile(pick, lockDirectory: FileSystem.parent(of: request.lockPath)))
        }
        if request.dryRun || plan.changesNothing { return plan }

        let owners = Dictionary(files.map { ($0.file.filename, $0.pick.name.normalized) }, uniquingKeysWith: { first, _ in first })
        let downloads = try await download(files.map(\.file), owners: owners)
        var checked: [(pick: SyncPlan.Pick, path: String, sha256: String)] = []
        for entry in files {
            guard let downloaded = downloads[entry.file.filename] else {
                throw .install("internal error: \(entry.file.filename) was not downloaded; this is a bug in kiln")
            }
            guard downloaded.sha256 == entry.sha256 else {
                throw .hashMismatch(name: entry.pick.name.normalized, filename: entry.file.filename, expected: entry.sha256, actual: downloaded.sha256)
            }
            checked.append((entry.pick, downloaded.path, downloaded.sha256))
        }
        // Every file is here and matches the lock: only now build, install and remove.
        let scratch = checked.contains { $0.pick.kind == .sdist } ? try SyncScratchDirectory.make() : nil
        defer { scratch?.remove() }
        var sources: [WheelSource] = []
        for entry in checked {
            switch entry.pick.kind {
            case .wheel:
                sources.append(WheelSource(path: entry.path, requested: true, origin: nil,
                                           knownDigest: try? ArchiveDigest(hex: entry.sha256)))
            case .sdist:
                guard let builder, let scratch else {
                    throw .install("internal error: \(entry.pick.name) needs a build but none is set up; this is a bug in kiln")
                }
                let wheel = try await builder.wheel(from: entry.path, into: scratch.path)
                let built = try? WheelFilename(FileSystem.basename(of: wheel))
                guard let built, built.name == entry.pick.name, built.version == entry.pick.version else {
                    throw .builtWheelMismatch(sdist: entry.pick.file.filename ?? "?", wheel: FileSystem.basename(of: wheel),
                                              expected: "\(entry.pick.name.normalized) \(entry.pick.version)")
                }
                sources.append(WheelSource(path: wheel, requested: true, origin: nil))
            }
        }
        do {
            if !sources.isEmpty { _ = try await installer.install(sources, options: request.install) }
            if !plan.remove.isEmpty { _ = try await installer.uninstall(plan.remove.map(\.name)) }
        } catch {
            throw .install(error.description)
        }
        return plan
    }

    /// The lock's file as the index client downloads it: its URL (or `path`, relative to the
    /// lock's directory) and the SHA-256 it must have.
    private func indexFile(_ pick: SyncPlan.Pick, lockDirectory: String) throws(LockSyncError) -> (SyncPlan.Pick, IndexFile, String) {
        let filename = pick.file.filename ?? "?"
        guard let sha256 = pick.file.sha256 else {
            throw .unusableFile(name: pick.name.normalized, filename: filename,
                                reason: "the lock records no sha256 hash (kiln checks SHA-256); lock again with kiln")
        }
        let location: String
        if let url = pick.file.url {
            location = url
        } else if let path = pick.file.path {
            location = "file://" + (path.hasPrefix("/") ? path : FileSystem.join(lockDirectory, path))
        } else {
            throw .unusableFile(name: pick.name.normalized, filename: filename, reason: "the lock gives neither url nor path")
        }
        guard let url = ParsedURL(location) else {
            throw .unusableFile(name: pick.name.normalized, filename: filename, reason: "\(location) is not a URL kiln can fetch")
        }
        return (pick, IndexFile(filename: filename, url: url, hashes: FileHashes(["sha256": sha256])), sha256)
    }

    private func download(_ files: [IndexFile], owners: [String: String]) async throws(LockSyncError) -> [String: DownloadedFile] {
        let index = self.index
        let results = await withTaskGroup(of: (String, Result<DownloadedFile, IndexError>).self) { group in
            for file in files {
                group.addTask {
                    // Named first: see `Result.awaiting` for the miscompile this avoids.
                    let result = await Result.awaiting { () async throws(IndexError) in try await index.download(file) }
                    return (file.filename, result)
                }
            }
            var collected: [String: Result<DownloadedFile, IndexError>] = [:]
            for await (name, result) in group { collected[name] = result }
            return collected
        }
        var downloaded: [String: DownloadedFile] = [:]
        for (name, result) in results.sorted(by: { $0.key < $1.key }) {
            switch result {
            case .success(let file): downloaded[name] = file
            case .failure(.hashMismatch(let filename, _, let expected, let actual)):
                throw .hashMismatch(name: owners[name] ?? name, filename: filename, expected: expected, actual: actual)
            case .failure(let error): throw .download(error)
            }
        }
        return downloaded
    }
}
