import Index
import Lock
import PackagingModel
import Resolver

/// One package as resolved for one Python: its version, the files that Python could install
/// it from, its dependencies there, and which parts of the project reach it.
struct ForkPackage: Sendable {
    let name: PackageName
    let version: Version
    let selectors: Set<LockSelector>
    let dependencies: Set<PackageName>
    /// Wheels this Python's tags accept (not yanked, unless every file is), and the sdist.
    let wheels: [IndexFile]
    let sdist: IndexFile?
    let requiresPython: SpecifierSet?
}

/// The result of resolving for one Python.
struct ForkOutcome: Sendable {
    let fork: PythonFork
    let packages: [ForkPackage]

    var pins: [PackageName: Version] { Dictionary(packages.map { ($0.name, $0.version) }, uniquingKeysWith: { first, _ in first }) }
}

/// Resolves a project's roots for one Python on one platform, with no interpreter: the target
/// comes from `ResolutionTarget(pythonVersion:platform:)`.
struct ForkResolver: Sendable {
    let index: PackageIndex
    let options: ResolverOptions
    let sdists: any SdistMetadataSource
    let delegate: (any ResolverDelegate)?
    let inputs: LockInputs
    let platform: PlatformTarget

    /// Tries `preferred` versions first; if no resolution keeps them, resolves without.
    func resolve(_ fork: PythonFork, preferred: [PackageName: Version]) async throws(RequirementsError) -> ForkOutcome {
        let target = ResolutionTarget(pythonVersion: fork.version, platform: platform)
        let resolver = RequirementsResolver(index: index, target: target, options: options, sdists: sdists, delegate: delegate)
        let provider = resolver.makeProvider()
        let roots = inputs.roots.map { RequirementEntry(requirement: $0.requirement) }
        do throws(RequirementsError) {
            var resolution: Resolution?
            let python = target.environment.pythonVersion
            if !preferred.isEmpty {
                let wrapper = LockingProvider(base: provider, preferred: preferred, pythonVersion: python)
                resolution = try? await resolver.resolve(roots, constraints: [], provider: provider, wrappedBy: wrapper).resolution
            }
            if resolution == nil {
                let wrapper = LockingProvider(base: provider, preferred: [:], pythonVersion: python)
                resolution = try await resolver.resolve(roots, constraints: [], provider: provider, wrappedBy: wrapper).resolution
            }
            guard let resolution else { throw .internalInconsistency("a resolution for Python \(fork) went missing") }
            let locking = LockingProvider(base: provider, preferred: [:], pythonVersion: python)
            let packages = try await describe(resolution, provider: locking, environment: target.environment.markers)
            await provider.finish()
            return ForkOutcome(fork: fork, packages: packages)
        } catch {
            await provider.finish()
            throw error
        }
    }

    /// Files, dependencies and selectors of every resolved package.
    private func describe(_ resolution: Resolution, provider locking: LockingProvider, environment: MarkerEnvironment) async throws(RequirementsError) -> [ForkPackage] {
        let provider = locking.base
        let resolved = Dictionary(resolution.packages.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var dependencies: [PackageName: Set<PackageName>] = [:]
        for package in resolution.packages {
            guard let file = package.file,
                  case .metadata(let metadata) = await locking.dependencies(of: package.name, version: package.version, file: file) else {
                throw .internalInconsistency("the metadata of \(package.name) \(package.version) was usable while resolving but not after")
            }
            let extras = Set(package.extras)
            dependencies[package.name] = Set(metadata.requirements.filter { requirement in
                resolved[requirement.name] != nil && (requirement.marker?.evaluate(environment, extras: extras) ?? true)
            }.map(\.name))
        }
        let selectors = reachingSelectors(dependencies: dependencies, environment: environment)
        var packages: [ForkPackage] = []
        for package in resolution.packages {
            guard case .success(let files) = await provider.files(of: package.name), let listed = files.files(of: package.version) else {
                throw .internalInconsistency("the index files of \(package.name) \(package.version) went missing after resolving")
            }
            let usable = listed.contains { !$0.distribution.isYanked } ? listed.filter { !$0.distribution.isYanked } : listed
            let wheels = usable.filter { file in
                if case .wheel(let priority?) = file.distribution.kind { return priority >= 0 }
                return false
            }.map(\.index)
            // `.tar.gz` first: the PEP 625 form, and what builds expect.
            let sdists = usable.filter { !$0.distribution.isWheel }.map(\.index)
                .sorted { ($0.filename.hasSuffix(".tar.gz") ? 0 : 1, $0.filename) < ($1.filename.hasSuffix(".tar.gz") ? 0 : 1, $1.filename) }
            let requiresPython = listed.lazy.compactMap(\.distribution.requiresPython).first
            packages.append(ForkPackage(
                name: package.name, version: package.version, selectors: selectors[package.name] ?? [.base],
                dependencies: dependencies[package.name] ?? [], wheels: wheels, sdist: sdists.first, requiresPython: requiresPython))
        }
        return packages
    }

    /// For each package, the parts of the project (base, extras, groups) from whose roots it
    /// can be reached.
    private func reachingSelectors(dependencies: [PackageName: Set<PackageName>], environment: MarkerEnvironment) -> [PackageName: Set<LockSelector>] {
        var reached: [PackageName: Set<LockSelector>] = [:]
        let selectors = Set(inputs.roots.map(\.selector))
        for selector in selectors {
            var queue = inputs.roots.filter { $0.selector == selector && ($0.requirement.marker?.evaluate(environment) ?? true) }
                .map(\.requirement.name).filter { dependencies[$0] != nil }
            var seen = Set(queue)
            while let name = queue.popLast() {
                reached[name, default: []].insert(selector)
                for next in dependencies[name] ?? [] where !seen.contains(next) {
                    seen.insert(next)
                    queue.append(next)
                }
            }
        }
        return reached
    }
}
