import BuildFrontend
import Cache
import Index
import Install
import PackagingModel
import Resolver
import SystemSupport

/// What `kiln install` with requirements was asked to do.
public struct RequirementInstallRequest: Sendable {
    public var requirements: [RequirementEntry]
    public var constraints: [RequirementEntry]
    /// Paths that are built before resolution and installed from their wheels (sdists, project
    /// directories, `-e` directories).
    public var localSources: [LocalSource]
    /// `-U`: requested packages are resolved against the index, not kept at their installed version.
    public var upgrade: Bool
    public var reinstall: Bool
    public var requireHashes: Bool
    public var dryRun: Bool
    public var install: InstallOptions

    public init(requirements: [RequirementEntry], constraints: [RequirementEntry] = [], localSources: [LocalSource] = [],
                upgrade: Bool = false, reinstall: Bool = false, requireHashes: Bool = false, dryRun: Bool = false,
                install: InstallOptions = InstallOptions()) {
        self.requirements = requirements
        self.constraints = constraints
        self.localSources = localSources
        self.upgrade = upgrade
        self.reinstall = reinstall
        self.requireHashes = requireHashes
        self.dryRun = dryRun
        self.install = install
    }
}

/// How a run turns sources into wheels. Without builders a chosen sdist is an error (the build
/// environment installer runs without them: build requirements must have wheels, as in pip).
public struct InstallBuilders: Sendable {
    public let sdists: any SdistWheelBuilder
    /// nil: local sources are refused (a caller that never has any).
    public let local: LocalSourceBuilder?
    /// Builds running at once (each runs a backend; downloads are not counted).
    public let concurrency: Int

    public init(sdists: any SdistWheelBuilder, local: LocalSourceBuilder?, concurrency: Int = 2) {
        self.sdists = sdists
        self.local = local
        self.concurrency = concurrency
    }
}

/// Resolve → download the chosen files in parallel (hash-checked), building the sdists among
/// them as their downloads end → install with the installer service. Installed versions are
/// preferred unless `-U`/`--reinstall`.
public struct RequirementInstaller: Sendable {
    public let resolver: RequirementsResolver
    public let installer: InstallService
    public let builders: InstallBuilders?
    public let onEvent: @Sendable (RequirementInstallEvent) -> Void

    public init(resolver: RequirementsResolver, installer: InstallService, builders: InstallBuilders? = nil,
                onEvent: @escaping @Sendable (RequirementInstallEvent) -> Void = { _ in }) {
        self.resolver = resolver
        self.installer = installer
        self.builders = builders
        self.onEvent = onEvent
    }

    public func run(_ request: RequirementInstallRequest) async throws(RequirementsError) -> RequirementInstallPlan {
        let provider = resolver.makeProvider()
        let outcome: Result<RequirementInstallPlan, RequirementsError>
        do {
            let plan = try await run(request, provider: provider)
            outcome = .success(plan)
        } catch {
            outcome = .failure(error)
        }
        // The provider's speculative fetches end with the operation, whatever its result.
        await provider.finish()
        return try outcome.get()
    }

    private func run(_ request: RequirementInstallRequest, provider: IndexMetadataProvider) async throws(RequirementsError) -> RequirementInstallPlan {
        let clock = ContinuousClock()
        let current: [InstalledDistribution]
        do {
            current = try await installer.installed()
        } catch {
            throw .install(error.description)
        }
        var builds = BuildTally()
        var request = request
        let local = try await buildLocalSources(request.localSources, tally: &builds)
        request.requirements = local.map { RequirementEntry(requirement: $0.requirement) } + request.requirements
        let origins = Dictionary(local.map { ($0.wheel.name, $0.wheel.origin) }, uniquingKeysWith: { first, _ in first })
        let start = clock.now

        let outcome = try await resolve(request, installed: current, provider: provider)
        let hashPolicy = HashPolicy(request)
        var plan = RequirementInstallPlan()
        plan.resolvedCount = outcome.resolution.packages.count
        plan.resolveDuration = start.duration(to: clock.now)
        var picks: [Pick] = []
        for package in outcome.resolution.packages {
            let existing = current.first { $0.name == package.name }
            let sameVersion = existing.flatMap { try? Version($0.version) } == package.version
            let fromLocalSource = origins[package.name] != nil
            if package.file?.filename == InstalledPreferences.installedFilename || (sameVersion && !request.reinstall && !fromLocalSource) {
                plan.unchanged.append(package.name)
                continue
            }
            guard let chosen = package.file,
                  let file = await outcome.provider.indexFile(package.name, version: package.version, filename: chosen.filename)
            else {
                throw .install("no file was chosen for \(package.name) \(package.version)")
            }
            if !chosen.isWheel && builders == nil {
                throw .sdistNeedsBuild(name: package.name, version: package.version, filename: chosen.filename)
            }
            try hashPolicy.check(package.name, listed: file.hashes.sha256, filename: file.filename)
            picks.append(Pick(package: package, file: file, isWheel: chosen.isWheel, replacing: existing?.version, localOrigin: origins[package.name]))
            plan.changes.append(.init(name: package.name, version: package.version, replacing: existing?.version, sha256: file.hashes.sha256))
        }
        if request.dryRun || picks.isEmpty {
            plan.builds = builds.summary
            return plan
        }

        let prepared = try await prepareAll(picks, hashPolicy: hashPolicy)
        var sources: [WheelSource] = []
        let requested = Set(request.requirements.map(\.requirement.name))
        for (pick, wheel) in zip(picks, prepared) {
            if let index = plan.changes.firstIndex(where: { $0.name == pick.package.name }) { plan.changes[index].sha256 = wheel.downloadedSHA256 }
            if let build = wheel.build { builds.add(build) }
            sources.append(WheelSource(
                path: wheel.path, requested: requested.contains(pick.package.name), origin: wheel.origin,
                knownDigest: wheel.build == nil ? try? ArchiveDigest(hex: wheel.downloadedSHA256) : nil))
        }
        let installStart = clock.now
        do {
            var options = request.install
            // Only what must change is passed; a wheel built from a local source replaces the
            // installed distribution even at the same version (its files may differ).
            options.reinstall = request.reinstall || !origins.isEmpty
            _ = try await installer.install(sources, options: options)
        } catch {
            throw .install(error.description)
        }
        plan.builds = builds.summary
        plan.installDuration = installStart.duration(to: clock.now)
        return plan
    }

    private func resolve(
        _ request: RequirementInstallRequest, installed: [InstalledDistribution], provider: IndexMetadataProvider
    ) async throws(RequirementsError) -> RequirementsResolver.Outcome {
        if !request.reinstall && !installed.isEmpty {
            let excluded = request.upgrade ? Set(request.requirements.map(\.requirement.name)) : []
            let preferring = InstalledPreferences(base: provider, distributions: installed, excluding: excluded)
            do {
                return try await resolver.resolve(request.requirements, constraints: request.constraints, provider: provider, wrappedBy: preferring)
            } catch .resolution(.noSolution) {
                // The installed versions cannot all stay: resolve against the index alone.
            }
        }
        return try await resolver.resolve(request.requirements, constraints: request.constraints, provider: provider, wrappedBy: nil)
    }
}

/// One package to install: the file chosen for it, and where it came from.
struct Pick: Sendable {
    let package: ResolvedPackage
    let file: IndexFile
    let isWheel: Bool
    let replacing: String?
    /// Set when the package is the wheel of a local source (its direct_url.json names the source).
    let localOrigin: DirectOrigin?

    var label: String { "\(package.name.original) \(package.version)" }

    /// What direct_url.json records: the local source, or the URL the user named, or nothing
    /// for a package found on an index.
    func origin(downloadedSHA256: String) -> DirectOrigin? {
        if let localOrigin { return localOrigin }
        guard package.url != nil else { return nil }
        if isWheel { return .thisWheel }
        let location = file.url.isFile ? file.url.filePath : file.url.withoutCredentials.requestString
        return .archive(url: location, sha256: downloadedSHA256)
    }
}

/// Builds that ran in one install: how many, and the span from the first start to the last end.
struct BuildTally {
    struct Build: Sendable {
        let start: ContinuousClock.Instant
        let end: ContinuousClock.Instant
        let fromCache: Bool
        /// From an sdist (as opposed to a project directory).
        let isSdist: Bool
    }

    private var builds: [Build] = []

    mutating func add(_ build: Build) { builds.append(build) }

    /// Only builds whose backend ran; a wheel from the built-wheel cache was not built now.
    var summary: RequirementInstallPlan.Builds {
        let ran = builds.filter { !$0.fromCache }
        guard let first = ran.map(\.start).min(), let last = ran.map(\.end).max() else { return .init() }
        return .init(count: ran.count, allSdists: ran.allSatisfy(\.isSdist), duration: first.duration(to: last))
    }
}
