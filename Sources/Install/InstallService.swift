import Cache
import Synchronization
import PackagingModel
import SystemSupport

/// Installs resolved wheel files into one environment, uninstalls, and lists — each under the
/// environment's lock, after finishing or undoing whatever a killed kiln left in its journal.
public struct InstallService: Sendable {
    public let cache: CacheRoot
    public let target: InstallTarget
    public let lockTimeout: Duration
    private let onEvent: @Sendable (InstallEvent) -> Void

    public init(cache: CacheRoot, target: InstallTarget, lockTimeout: Duration, onEvent: @escaping @Sendable (InstallEvent) -> Void = { _ in }) {
        self.cache = cache
        self.target = target
        self.lockTimeout = lockTimeout
        self.onEvent = onEvent
    }

    var transaction: EnvironmentTransaction { EnvironmentTransaction(stateDirectory: target.stateDirectory) }

    public func install(_ sources: [WheelSource], options: InstallOptions = InstallOptions()) async throws(InstallError) -> [InstalledDistribution] {
        // Every wheel is validated and unpacked before the environment is touched.
        let requests = try Self.oneWheelPerDistribution(try await unpackAll(sources))
        return try await withEnvironment { () throws(InstallError) -> [InstalledDistribution] in
            let installed = InstalledDistribution.scan(target.scheme.siteDirectories)
            var changes = EnvironmentTransaction.Changes()
            var replaced: [InstalledDistribution] = []
            var planned: [WheelInstallRequest] = []
            for request in requests {
                let name = request.wheel.filename.name
                let existing = installed.filter { $0.name == name }
                let version = request.wheel.filename.version
                if !options.reinstall, existing.count == 1, let current = existing.first,
                   current.format == .distInfo, (try? Version(current.version)) == version {
                    onEvent(.alreadyInstalled(name: name.original, version: current.version))
                    continue
                }
                replaced += existing
                planned.append(request)
                onEvent(.installed(name: name.original, version: version.description, replacing: existing.first?.version))
            }
            let plans = try planAll(planned)
            for plan in plans { changes.files += plan.changes.files }
            guard !plans.isEmpty else { return [] }
            let removal = RemovalPlanner.plan(
                removing: replaced, keeping: replaced.isEmpty ? [] : Set(changes.files.map(\.destination)), target: target,
                keepingMetadata: Set(plans.map(\.distInfoDirectory)))
            removal.refused.forEach { onEvent(.refusedOutsideEnvironment(path: $0)) }
            changes.removals = removal.removals
            changes.removedTrees = removal.removedTrees
            changes.pruneCandidates = removal.pruneCandidates
            try transaction.run(changes, linkMode: options.linkMode)
            if options.compile {
                for plan in plans { try await ByteCompiler.compile(plan, python: target.pythonExecutable) }
            }
            return plans.compactMap { InstalledDistribution.distInfo(at: $0.distInfoDirectory, site: $0.siteDirectory) }
                .sorted { $0.name < $1.name }
        }
    }

    /// Validates and unpacks every wheel (or finds it unpacked), several at a time; the requests
    /// come back in the order of `sources`, and a failure is that of the first failing source.
    private func unpackAll(_ sources: [WheelSource]) async throws(InstallError) -> [WheelInstallRequest] {
        let unpacker = WheelUnpacker(cache: cache, lockTimeout: lockTimeout)
        let onEvent = onEvent
        let results = await withTaskGroup(of: (Int, Result<WheelInstallRequest, InstallError>).self) { group in
            for (index, source) in sources.enumerated() {
                group.addTask {
                    let path = FileSystem.absolute(source.path)
                    // Named first: see `Result.awaiting` for the miscompile this avoids.
                    let unpacked = await Result.awaiting { () async throws(InstallError) in
                        try await unpacker.unpack(path, knownDigest: source.knownDigest, onWait: { onEvent(.waiting($0)) })
                    }
                    let request = unpacked.map { wheel in
                        onEvent(.unpacked(wheel: FileSystem.basename(of: path)))
                        return WheelInstallRequest(
                            wheel: wheel, requested: source.requested,
                            directURL: source.origin.map { DirectURL.json(for: $0, wheelPath: path, wheelSHA256: wheel.sha256) })
                    }
                    return (index, request)
                }
            }
            var collected = [Result<WheelInstallRequest, InstallError>?](repeating: nil, count: sources.count)
            for await (index, result) in group where collected.indices.contains(index) { collected[index] = result }
            return collected
        }
        return try results.enumerated().map { slot, result throws(InstallError) in
            guard let result else { throw .internalInconsistency("no unpacking result for \(sources[slot].path)") }
            return try result.get()
        }
    }

    /// The same wheel named twice is installed once; two different wheels of one distribution
    /// cannot both be installed (the environment would get two `.dist-info` of one name).
    static func oneWheelPerDistribution(_ requests: [WheelInstallRequest]) throws(InstallError) -> [WheelInstallRequest] {
        var kept: [WheelInstallRequest] = []
        for request in requests {
            let name = request.wheel.filename.name
            guard let earlier = kept.first(where: { $0.wheel.filename.name == name }) else {
                kept.append(request)
                continue
            }
            guard earlier.wheel.sha256 == request.wheel.sha256 else {
                throw .conflictingWheels(name: name.original, wheels: [earlier.wheel.wheelPath, request.wheel.wheelPath])
            }
        }
        return kept
    }

    /// Plans every wheel's install on several threads (planning reads RECORD rows and scripts and
    /// builds ten thousand paths: CPU work that splits by wheel).
    private func planAll(_ requests: [WheelInstallRequest]) throws(InstallError) -> [WheelInstallPlan] {
        let target = target
        let plans = Mutex([WheelInstallPlan?](repeating: nil, count: requests.count))
        try ParallelLoop.run(count: requests.count) { index throws(InstallError) in
            let plan = try InstallPlanner.plan(requests[index], into: target)
            plans.withLock { $0[index] = plan }
        }
        return plans.withLock { $0.compactMap { $0 } }
    }

    /// Removes each named distribution by its RECORD (or installed-files.txt); all or nothing.
    public func uninstall(_ names: [PackageName]) async throws(InstallError) -> [InstalledDistribution] {
        try await withEnvironment { () throws(InstallError) -> [InstalledDistribution] in
            let installed = InstalledDistribution.scan(target.scheme.siteDirectories)
            let missing = names.filter { name in !installed.contains { $0.name == name } }
            guard missing.isEmpty else { throw .notInstalled(missing.map(\.original)) }
            let removing = installed.filter { names.contains($0.name) }
            let removal = RemovalPlanner.plan(removing: removing, keeping: [], target: target)
            removal.refused.forEach { onEvent(.refusedOutsideEnvironment(path: $0)) }
            var changes = EnvironmentTransaction.Changes()
            changes.removals = removal.removals
            changes.removedTrees = removal.removedTrees
            changes.pruneCandidates = removal.pruneCandidates
            try transaction.run(changes, linkMode: .hardlink)
            removing.forEach { onEvent(.uninstalled(name: $0.name.original, version: $0.version)) }
            return removing
        }
    }

    /// The distributions in the environment, after any interrupted transaction is settled.
    public func installed() async throws(InstallError) -> [InstalledDistribution] {
        try await withEnvironment { () throws(InstallError) -> [InstalledDistribution] in
            InstalledDistribution.scan(target.scheme.siteDirectories)
        }
    }

    private func withEnvironment<T>(_ body: () async throws(InstallError) -> T) async throws(InstallError) -> T {
        let lock: FileLock
        do {
            try FileSystem.createDirectories(target.stateDirectory)
            lock = try await FileLock.acquire(
                FileSystem.join(target.stateDirectory, "lock"), mode: .exclusive,
                resource: "the environment at \(target.root)", timeout: lockTimeout, onWait: { onEvent(.waiting($0)) })
        } catch let error as LockError {
            throw .lock(error)
        } catch let error as SystemCallError {
            throw .io(error)
        } catch {
            throw .io(SystemCallError("cannot lock", path: target.stateDirectory, code: 5))
        }
        defer { lock.release() }
        let recovery = try transaction.recover()
        if recovery != .nothingPending { onEvent(.recoveredInterruptedTransaction(completed: recovery == .completed)) }
        return try await body()
    }
}
