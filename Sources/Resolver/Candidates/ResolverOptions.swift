import PackagingModel

/// The target a resolution is for: one interpreter's markers and version.
public struct TargetEnvironment: Sendable, Hashable {
    public var markers: MarkerEnvironment
    /// `python_full_version`, checked against `Requires-Python`.
    public var pythonVersion: Version

    public init(markers: MarkerEnvironment, pythonVersion: Version) {
        self.markers = markers
        self.pythonVersion = pythonVersion
    }
}

/// Which packages an option such as `--only-binary` applies to.
public enum PackageSelection: Sendable, Hashable {
    case none
    case all
    case some(Set<PackageName>)

    public func contains(_ name: PackageName) -> Bool {
        switch self {
        case .none: false
        case .all: true
        case .some(let names): names.contains(name)
        }
    }
}

public struct ResolverOptions: Sendable, Hashable {
    public enum Strategy: Sendable, Hashable {
        /// Newest versions first (the default).
        case highest
        /// Oldest versions first (`--resolution lowest`).
        case lowest
    }

    public enum PrereleasePolicy: Sendable, Hashable {
        /// Pre-releases only when a requirement names one or no final release fits.
        case ifNecessaryOrExplicit
        case allow
        /// Never, unless a requirement names one.
        case explicitOnly
    }

    public var strategy: Strategy
    public var prereleases: PrereleasePolicy
    /// `--only-binary`: never use source distributions of these packages.
    public var onlyBinary: PackageSelection
    /// `--no-binary`: never use wheels of these packages.
    public var noBinary: PackageSelection
    /// `--prefer-binary`: an older version with a wheel beats a newer sdist-only one.
    public var preferBinary: Bool
    /// `--no-deps`: resolve only the requirements given, not their dependencies.
    public var noDependencies: Bool
    /// After this many failed metadata builds of one package, try no more of its sdists.
    public var maxBuildFailures: Int

    public init(
        strategy: Strategy = .highest,
        prereleases: PrereleasePolicy = .ifNecessaryOrExplicit,
        onlyBinary: PackageSelection = .none,
        noBinary: PackageSelection = .none,
        preferBinary: Bool = false,
        noDependencies: Bool = false,
        maxBuildFailures: Int = 3
    ) {
        self.strategy = strategy
        self.prereleases = prereleases
        self.onlyBinary = onlyBinary
        self.noBinary = noBinary
        self.preferBinary = preferBinary
        self.noDependencies = noDependencies
        self.maxBuildFailures = maxBuildFailures
    }
}
