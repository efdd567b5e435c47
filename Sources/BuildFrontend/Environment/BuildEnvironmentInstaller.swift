import PackagingModel
import Python

/// Fills a build environment: resolves a set of requirements (under the build constraints) for
/// the venv's interpreter and installs them there. The builder knows nothing of how; Services
/// implements this with kiln's resolver and installer, tests with an in-memory one.
public protocol BuildEnvironmentInstaller: Sendable {
    /// Installs `requirements` (plus what they depend on) into `environment`, whose interpreter
    /// is `interpreter`, and returns what was installed. Throws a description of what failed.
    func install(
        _ requirements: [Requirement], constraints: [Requirement], into environment: VirtualEnvironment, interpreter: Interpreter
    ) async throws(BuildEnvironmentInstallError) -> [ResolvedBuildRequirement]
}

/// One distribution installed into a build environment, for the report.
public struct ResolvedBuildRequirement: Sendable, Hashable, Codable {
    public let name: String
    public let version: String
    /// SHA-256 of the file installed (nil if the installer did not know it).
    public let sha256: String?

    public init(name: String, version: String, sha256: String?) {
        self.name = name
        self.version = version
        self.sha256 = sha256
    }
}

public struct BuildEnvironmentInstallError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Stage: Sendable, Equatable { case resolving, installing }
    public let stage: Stage
    public let message: String

    public init(_ stage: Stage, _ message: String) {
        self.stage = stage
        self.message = message
    }

    public var description: String { message }
}
