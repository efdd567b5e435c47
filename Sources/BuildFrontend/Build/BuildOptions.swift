import PackagingModel

/// How to build: a plain value the CLI fills from its options.
public struct BuildOptions: Sendable {
    public var configSettings: ConfigSettings
    /// `--build-constraint`: applied whenever build requirements are resolved, and part of the cache key.
    public var buildConstraints: [Requirement]
    public var isolation: BuildIsolation
    /// The caller's environment; hooks get it scrubbed (see `HookEnvironment`).
    public var environment: [String: String]
    /// `-v`: backend output is reported line by line through `BuildEvent.output`.
    public var streamOutput: Bool
    /// `Requires-Python` of the file on the index, when the sdist came from one.
    public var indexRequiresPython: SpecifierSet?
    /// Bounds each hook; nil waits as long as the backend takes.
    public var hookTimeout: Duration?

    public init(
        configSettings: ConfigSettings = ConfigSettings(), buildConstraints: [Requirement] = [], isolation: BuildIsolation,
        environment: [String: String], streamOutput: Bool = false, indexRequiresPython: SpecifierSet? = nil,
        hookTimeout: Duration? = nil
    ) {
        self.configSettings = configSettings
        self.buildConstraints = buildConstraints
        self.isolation = isolation
        self.environment = environment
        self.streamOutput = streamOutput
        self.indexRequiresPython = indexRequiresPython
        self.hookTimeout = hookTimeout
    }

    var isIsolated: Bool {
        if case .isolated = isolation { return true }
        return false
    }
}
