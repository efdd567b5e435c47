import BuildFrontend
import Cache
import Index
import Install
import PackagingModel
import Python
import Resolver

/// `BuildEnvironmentInstaller` over kiln's resolver and installer: build requirements are resolved
/// for the build venv's interpreter against the configured index (index options, --exclude-newer,
/// wheels preferred, build constraints applied) and installed into the venv.
public struct ResolvingBuildEnvironmentInstaller: BuildEnvironmentInstaller {
    public let index: PackageIndex
    public let cache: CacheRoot
    public let options: ResolverOptions
    public let lockTimeout: Duration
    public let onEvent: @Sendable (InstallEvent) -> Void

    public init(
        index: PackageIndex, cache: CacheRoot, options: ResolverOptions = ResolverOptions(), lockTimeout: Duration,
        onEvent: @escaping @Sendable (InstallEvent) -> Void = { _ in }
    ) {
        self.index = index
        self.cache = cache
        self.options = options
        self.lockTimeout = lockTimeout
        self.onEvent = onEvent
    }

    public func install(
        _ requirements: [Requirement], constraints: [Requirement], into environment: VirtualEnvironment, interpreter: Interpreter
    ) async throws(BuildEnvironmentInstallError) -> [ResolvedBuildRequirement] {
        let resolver = RequirementsResolver(index: index, target: ResolutionTarget(interpreter: interpreter), options: options)
        let installer = InstallService(cache: cache, target: .virtualEnvironment(environment), lockTimeout: lockTimeout, onEvent: onEvent)
        let request = RequirementInstallRequest(
            requirements: requirements.map { RequirementEntry(requirement: $0) },
            constraints: constraints.map { RequirementEntry(requirement: $0) })
        let plan: RequirementInstallPlan
        do {
            plan = try await RequirementInstaller(resolver: resolver, installer: installer).run(request)
        } catch {
            switch error {
            case .resolution, .index, .sdistNeedsBuild: throw BuildEnvironmentInstallError(.resolving, error.description)
            default: throw BuildEnvironmentInstallError(.installing, error.description)
            }
        }
        return plan.changes.map { ResolvedBuildRequirement(name: $0.name.normalized, version: $0.version.description, sha256: $0.sha256) }
    }
}
