import PackagingModel

/// What an install changes (or, with `--dry-run`, would change), and how long each stage took.
public struct RequirementInstallPlan: Sendable, Equatable {
    public struct Change: Sendable, Equatable {
        public let name: PackageName
        public let version: Version
        /// The installed version it replaces, if any.
        public let replacing: String?
        /// SHA-256 of the file installed from: the wheel, or the sdist it was built from (known once
        /// it is downloaded; the index's value before).
        public var sha256: String? = nil

        public init(name: PackageName, version: Version, replacing: String?, sha256: String? = nil) {
            self.name = name
            self.version = version
            self.replacing = replacing
            self.sha256 = sha256
        }
    }

    public var changes: [Change] = []
    /// Packages left as they are: installed at the resolved version.
    public var unchanged: [PackageName] = []
    /// How many packages the resolution has (changed or not).
    public var resolvedCount = 0
    public var resolveDuration: Duration = .zero
    public var builds = Builds()
    /// The install transaction (after downloads and builds).
    public var installDuration: Duration = .zero

    /// Sdists and local projects whose backend ran in this run; wheels found in the built-wheel
    /// cache are not counted.
    public struct Builds: Sendable, Equatable {
        public var count = 0
        /// Every build was of an sdist (none of a project directory).
        public var allSdists = true
        /// From the first build's start to the last one's end (builds overlap with each other
        /// and with downloads).
        public var duration: Duration = .zero

        public init(count: Int = 0, allSdists: Bool = true, duration: Duration = .zero) {
            self.count = count
            self.allSdists = allSdists
            self.duration = duration
        }
    }

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
    /// Resolution asks an sdist for its metadata (static PKG-INFO did not do): the run's build
    /// registry answers from the cache or runs the backend. `label`: "name version".
    case metadataStarted(label: String)
    /// `ranBackend`: a hook ran (false when a cache answered); `failed`: no metadata came.
    case metadataFinished(label: String, ranBackend: Bool, failed: Bool)
}
