import PackagingModel

/// Resolves requirements for one target environment with PubGrub.
///
/// ```swift
/// let resolver = Resolver(provider: index, environment: target)
/// let resolution = try await resolver.resolve([try Requirement("black[jupyter]>=24")])
/// ```
public struct Resolver: Sendable {
    public let provider: any MetadataProvider
    public let environment: TargetEnvironment
    public let options: ResolverOptions
    public let delegate: (any ResolverDelegate)?

    public init(
        provider: any MetadataProvider,
        environment: TargetEnvironment,
        options: ResolverOptions = ResolverOptions(),
        delegate: (any ResolverDelegate)? = nil
    ) {
        self.provider = provider
        self.environment = environment
        self.options = options
        self.delegate = delegate
    }

    /// Chooses a version for every requirement and, unless `noDependencies`, for their
    /// dependencies. Requirements whose markers do not hold for the target are left
    /// out. `constraints` (`-c` files) restrict versions of packages that something
    /// else requires, without adding packages.
    public func resolve(
        _ requirements: [Requirement],
        constraints: [Requirement] = []
    ) async throws(ResolutionError) -> Resolution {
        var constraintRanges: [PackageName: VersionRanges] = [:]
        for constraint in constraints where constraint.applies(to: environment.markers, extras: []) {
            guard constraint.url == nil else { continue }
            constraintRanges[constraint.name] = (constraintRanges[constraint.name] ?? .full)
                .intersection(VersionRanges(constraint.specifier))
        }
        let roots = requirements
            .filter { $0.applies(to: environment.markers, extras: []) }
            .map(DependencySpec.init)
        var session = ResolutionSession(
            provider: provider,
            environment: environment,
            options: options,
            delegate: delegate,
            policy: CandidatePolicy(options: options, pythonVersion: environment.pythonVersion),
            // The root's one version; any version would do, it is never shown.
            rootVersion: environment.pythonVersion,
            constraints: constraintRanges
        )
        return try await session.run(roots)
    }
}
