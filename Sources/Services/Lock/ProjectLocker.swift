import Index
import Lock
import PackagingModel
import Resolver

/// How the versions of different Pythons relate.
public enum ForkStrategy: String, Sendable, CaseIterable {
    /// Each Python gets the newest versions that support it.
    case requiresPython = "requires-python"
    /// One version for as many Pythons as it works for: each Python first tries the versions
    /// the Pythons below it got, and only where none works gets others.
    case fewest
}

/// Which pins of an existing lock a re-lock may change.
public enum UpgradePolicy: Sendable, Hashable {
    /// Keep every pin that still resolves.
    case none
    case all
    case packages(Set<PackageName>)
}

/// Everything `kiln lock` needs, as plain values.
public struct LockRequest: Sendable {
    public var inputs: LockInputs
    public var platform: PlatformTarget
    public var strategy: ForkStrategy
    /// The newest minor to lock for (`--python-max 3.13` → 13).
    public var maxMinor: Int
    public var upgrade: UpgradePolicy
    /// The lock already on disk, if any: its pins are kept unless `upgrade` says otherwise.
    public var existing: PackageLock?
    /// Recorded as each entry's `index`.
    public var indexURL: String?

    public init(inputs: LockInputs, platform: PlatformTarget, strategy: ForkStrategy = .requiresPython,
                maxMinor: Int = PythonFork.newestKnownMinor, upgrade: UpgradePolicy = .none, existing: PackageLock? = nil,
                indexURL: String? = nil) {
        self.inputs = inputs
        self.platform = platform
        self.strategy = strategy
        self.maxMinor = maxMinor
        self.upgrade = upgrade
        self.existing = existing
        self.indexURL = indexURL
    }
}

/// A lock and how it was made.
public struct LockOutcome: Sendable {
    public let lock: PackageLock
    /// Each Python resolved for, with its `name==version` pins, lowest first.
    public let forks: [(python: String, pins: [String])]
    /// The minor above the last fork where resolution failed and locking stopped; nil if none.
    public let stoppedBelow: Int?
}

/// `kiln lock`: resolves a project once per Python minor (no interpreter needed) and merges
/// the results into one PEP 751 lock with a marker per entry.
public struct ProjectLocker: Sendable {
    public let index: PackageIndex
    public let options: ResolverOptions
    public let sdists: any SdistMetadataSource
    public let delegate: (any ResolverDelegate)?

    public init(index: PackageIndex, options: ResolverOptions = ResolverOptions(), sdists: any SdistMetadataSource = StaticPKGInfoSource(),
                delegate: (any ResolverDelegate)? = nil) {
        self.index = index
        self.options = options
        self.sdists = sdists
        self.delegate = delegate
    }

    public func lock(_ request: LockRequest) async throws(LockServiceError) -> LockOutcome {
        let forks = PythonFork.forks(requiresPython: request.inputs.requiresPython, maxMinor: request.maxMinor)
        guard !forks.isEmpty else {
            throw .noPythonToLockFor(requiresPython: request.inputs.requiresPython.description, maxMinor: request.maxMinor)
        }
        // Every Python reads the same pages: parse each once.
        let resolver = ForkResolver(index: index.sharingParsedPages(), options: options, sdists: sdists, delegate: delegate, inputs: request.inputs, platform: request.platform)
        var outcomes: [ForkOutcome] = []
        var stoppedBelow: Int?
        // `fewest` builds on the Python below; otherwise every Python resolves on its own, all
        // at once (pages and metadata come from the shared cache).
        let results: [Result<ForkOutcome, RequirementsError>]
        if request.strategy == .fewest {
            var sequential: [Result<ForkOutcome, RequirementsError>] = []
            for fork in forks {
                var preferred = keptPins(request, fork: fork)
                if case .success(let previous)? = sequential.last {
                    preferred.merge(previous.pins, uniquingKeysWith: { kept, _ in kept })
                }
                let result = await Result.awaiting { () async throws(RequirementsError) in try await resolver.resolve(fork, preferred: preferred) }
                sequential.append(result)
                if case .failure = result { break }
            }
            results = sequential
        } else {
            let pins = forks.map { keptPins(request, fork: $0) }
            results = await withTaskGroup(of: (Int, Result<ForkOutcome, RequirementsError>).self) { group in
                for (position, fork) in forks.enumerated() {
                    let preferred = pins[position]
                    group.addTask {
                        // Named first: see `Result.awaiting` for the miscompile this avoids.
                        let result = await Result.awaiting { () async throws(RequirementsError) in try await resolver.resolve(fork, preferred: preferred) }
                        return (position, result)
                    }
                }
                var collected: [Int: Result<ForkOutcome, RequirementsError>] = [:]
                for await (position, result) in group { collected[position] = result }
                return forks.indices.compactMap { collected[$0] }
            }
        }
        for (fork, result) in zip(forks, results) {
            switch result {
            case .success(let outcome):
                outcomes.append(outcome)
            case .failure(.resolution(.noSolution)) where !outcomes.isEmpty:
                // The locked packages support no newer Python: the lock ends below this one.
                stoppedBelow = fork.minor
            case .failure(let error):
                throw .resolution(python: fork.description, error)
            }
            if stoppedBelow != nil { break }
        }
        let covered = Array(forks.prefix(outcomes.count))
        let packages = try ForkMerger(forks: covered, indexURL: request.indexURL).entries(outcomes)
        var requiresPython = request.inputs.requiresPython
        if let stoppedBelow, let narrowed = try? SpecifierSet("\(requiresPython),<3.\(stoppedBelow)") {
            requiresPython = narrowed
        }
        let lock = PackageLock(
            environments: [request.platform.environmentMarker].compactMap { $0 }, requiresPython: requiresPython,
            extras: request.inputs.extras, dependencyGroups: request.inputs.groups, createdBy: "kiln", packages: packages)
        let summaries = outcomes.map { outcome in
            (python: outcome.fork.description,
             pins: outcome.packages.map { "\($0.name.normalized)==\($0.version)" }.sorted())
        }
        return LockOutcome(lock: lock, forks: summaries, stoppedBelow: stoppedBelow)
    }

    /// The existing lock's versions for this Python (every extra and group selected), minus
    /// those the upgrade policy frees.
    private func keptPins(_ request: LockRequest, fork: PythonFork) -> [PackageName: Version] {
        guard let existing = request.existing else { return [:] }
        if case .all = request.upgrade { return [:] }
        let environment = MarkerEnvironment.cpython(fullVersion: fork.version, platform: request.platform.platform)
        let groups = Set(existing.dependencyGroups.compactMap { try? ExtraName($0.normalized) })
        var pins: [PackageName: Version] = [:]
        for package in existing.packages {
            guard let version = package.version,
                  package.marker?.evaluate(environment, extras: Set(existing.extras), dependencyGroups: groups) ?? true else { continue }
            if case .packages(let freed) = request.upgrade, freed.contains(package.name) { continue }
            pins[package.name] = pins[package.name] ?? version
        }
        return pins
    }
}

extension PlatformTarget {
    /// The lock's `environments` entry: the platform it was made for. Built from fixed names,
    /// so it always parses; nil would only mean a bug in those names.
    var environmentMarker: Marker? {
        try? Marker("sys_platform == \"\(platform.sysPlatform)\" and platform_machine == \"\(platform.machine)\"")
    }
}
