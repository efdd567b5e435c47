#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `--report FILE`: what a build did, as JSON.
public struct BuildReport: Sendable, Equatable, Codable {
    public struct InterpreterInfo: Sendable, Equatable, Codable {
        public let path: String
        public let implementation: String
        public let version: String
        public let tag: String?
    }

    public struct WheelInfo: Sendable, Equatable, Codable {
        public let filename: String
        public let path: String
        public let tags: [String]
        public let size: Int64
        public let sha256: String
    }

    public var project: String
    public var version: String?
    public var backend: String
    public var backendPath: [String]?
    /// Hooks run by this invocation (none on a cache hit).
    public var hooks: [String]
    public var buildRequirements: [ResolvedBuildRequirement]
    public var configSettings: [String: [String]]
    public var sourceDateEpoch: Int64?
    public var interpreter: InterpreterInfo
    public var durations: [BuildRecord.PhaseDuration]
    public var cacheHit: Bool
    public var wheel: WheelInfo?
    public var sdist: String?

    public func json() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return ((try? encoder.encode(self)).map(Array.init) ?? Array("{}".utf8)) + [UInt8(ascii: "\n")]
    }
}
