import PackagingModel

/// What an install changes (or, with `--dry-run`, would change), and how long each stage took.
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
    /// How many packages the resolution has (changed or not).
    public var resolvedCount = 0
    public var resolveDuration: Duration = .zero
    /// Sdists (and local projects) whose backend ran in this run; wheels found in the built-wheel
    /// cache are not counted.
    public var builtCount = 0
    /// From the first build's start to the last one's end (builds overlap with each other and with downloads).
    public var buildDuration: Duration = .zero
    /// Downloads, builds and the install transaction, from the end of resolution.
    public var installDuration: Duration = .zero

    public init() {}
}

/// What a run reports while it downloads and builds; the CLI decides what to show.
public enum RequirementInstallEvent: Sendable, Equatable {
    public enum BuildEnd: Sendable, Equatable {
        /// A backend ran and made the wheel.
        case built
        /// The built-wheel cache had it; no backend ran.
        case cached
        case failed
    }

    /// A build starts (or its wheel is looked up in the built-wheel cache). `label`: "name version"
    /// for an sdist, the path for a local source (its name is known once built).
    case buildStarted(label: String)
    case buildFinished(label: String, BuildEnd)
}
