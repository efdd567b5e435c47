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
    /// `-U`: requested packages are resolved against the index, not kept at their installed version.
    public var upgrade: Bool
    public var reinstall: Bool
    public var requireHashes: Bool
    public var dryRun: Bool
    public var install: InstallOptions

    public init(requirements: [RequirementEntry], constraints: [RequirementEntry] = [], upgrade: Bool = false, reinstall: Bool = false,
                requireHashes: Bool = false, dryRun: Bool = false, install: InstallOptions = InstallOptions()) {
        self.requirements = requirements
        self.constraints = constraints
        self.upgrade = upgrade
        self.reinstall = reinstall
        self.requireHashes = requireHashes
        self.dryRun = dryRun
        self.install = install
    }
}

/// What an install changes (or, with `--dry-run`, would change).
public struct RequirementInstallPlan: Sendable, Equatable {
    public struct Change: Sendable, Equatable {
        public let name: PackageName
        public let version: Version
        /// The installed version it replaces, if any.
        public let replacing: String?
        /// SHA-256 of the wheel installed (known once it is downloaded; the index's value before).
        public var sha256: String? = nil
    }

    public var changes: [Change] = []
    /// Packages left as they are: installed at the resolved version.
    public var unchanged: [PackageName] = []
}

/// Resolve → download the chosen wheels in parallel (hash-checked) → install with the
/// installer service. Installed versions are preferred unless `-U`/`--reinstall`.
public struct RequirementInstaller: Sendable {
    public let resolver: RequirementsResolver
    public let installer: InstallService

    public init(resolver: RequirementsResolver, installer: InstallService) {
        self.resolver = resolver
        self.installer = installer
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
        let current: [InstalledDistribution]
        do {
            current = try await installer.installed()
        } catch {
            throw .install(error.description)
        }
        let outcome = try await resolve(request, installed: current, provider: provider)
        let hashPolicy = HashPolicy(request)
        var plan = RequirementInstallPlan()
        var picks: [(package: ResolvedPackage, file: IndexFile, replacing: String?)] = []
        for package in outcome.resolution.packages {
            let existing = current.first { $0.name == package.name }
            let sameVersion = existing.flatMap { try? Version($0.version) } == package.version
            if package.file?.filename == InstalledPreferences.installedFilename || (sameVersion && !request.reinstall) {
                plan.unchanged.append(package.name)
                continue
            }
            guard let chosen = package.file,
                  let file = await outcome.provider.indexFile(package.name, version: package.version, filename: chosen.filename)
            else {
                throw .install("no file was chosen for \(package.name) \(package.version)")
            }
            guard chosen.isWheel else { throw .sdistNeedsBuild(name: package.name, version: package.version, filename: chosen.filename) }
            try hashPolicy.check(package.name, listed: file.hashes.sha256, filename: file.filename)
            picks.append((package, file, existing?.version))
            plan.changes.append(.init(name: package.name, version: package.version, replacing: existing?.version, sha256: file.hashes.sha256))
        }
        if request.dryRun || picks.isEmpty { return plan }

        let downloads = try await download(picks.map(\.file), index: resolver.index)
        var sources: [WheelSource] = []
        let requested = Set(request.requirements.map(\.requirement.name))
        for pick in picks {
            guard let downloaded = downloads[pick.file.filename] else {
                throw .internalInconsistency("\(pick.package.name) \(pick.package.version) was picked but \(pick.file.filename) has no download")
            }
            try hashPolicy.check(pick.package.name, listed: downloaded.sha256, filename: pick.file.filename)
            if let index = plan.changes.firstIndex(where: { $0.name == pick.package.name }) { plan.changes[index].sha256 = downloaded.sha256 }
            sources.append(WheelSource(
                path: downloaded.path, requested: requested.contains(pick.package.name),
                isDirectReference: pick.package.url != nil, knownDigest: try? ArchiveDigest(hex: downloaded.sha256)))
        }
        do {
            var options = request.install
            options.reinstall = request.reinstall
            _ = try await installer.install(sources, options: options)
        } catch {
            throw .install(error.description)
        }
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

    private func download(_ files: [IndexFile], index: PackageIndex) async throws(RequirementsError) -> [String: DownloadedFile] {
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
        for (name, result) in results {
            switch result {
            case .success(let file): downloaded[name] = file
            case .failure(let error): throw .index(error)
            }
        }
        return downloaded
    }
}

/// `--hash` / `--require-hashes`: once any hash is given (or required), every package installed
/// needs hashes, and its file must match one of them (pip's rule).
struct HashPolicy {
    let active: Bool
    let allowed: [PackageName: Set<String>]

    init(_ request: RequirementInstallRequest) {
        var allowed: [PackageName: Set<String>] = [:]
        for entry in request.requirements + request.constraints where !entry.sha256.isEmpty {
            allowed[entry.requirement.name, default: []].formUnion(entry.sha256)
        }
        self.allowed = allowed
        self.active = request.requireHashes || !allowed.isEmpty
    }

    func check(_ name: PackageName, listed: String?, filename: String) throws(RequirementsError) {
        guard active else { return }
        guard let hashes = allowed[name] else { throw .missingHash(name: name) }
        guard let listed else { return }
        guard hashes.contains(listed.lowercased()) else {
            throw .hashNotAllowed(name: name, filename: filename, actual: listed.lowercased(), allowed: hashes.sorted())
        }
    }
}
