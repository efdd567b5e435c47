/// What happened during one build, for `--report`: filled in as the build goes.
public struct BuildRecord: Sendable, Equatable, Codable {
    public struct PhaseDuration: Sendable, Equatable, Codable {
        public let phase: String
        public let seconds: Double
    }

    public var backend: String = ""
    public var backendPath: [String]?
    public var hooks: [String] = []
    public var buildRequirements: [ResolvedBuildRequirement] = []
    public var durations: [PhaseDuration] = []

    public init() {}

    mutating func add(_ phase: String, since start: ContinuousClock.Instant) {
        let elapsed = start.duration(to: ContinuousClock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        durations.append(PhaseDuration(phase: phase, seconds: seconds))
    }
}
