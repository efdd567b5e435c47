import Foundation
import PackagingModel
import Python
import Synchronization
import Testing
import TestSupport
@testable import BuildFrontend
import Cache

/// An installer that installs nothing but remembers what it was asked for (the builder must not
/// care how environments are filled).
final class RecordingInstaller: BuildEnvironmentInstaller {
    private let calls = Mutex<[[String]]>([])
    let failure: BuildEnvironmentInstallError?

    init(failure: BuildEnvironmentInstallError? = nil) {
        self.failure = failure
    }

    var requests: [[String]] { calls.withLock { $0 } }

    func install(
        _ requirements: [Requirement], constraints: [Requirement], into environment: VirtualEnvironment, interpreter: Interpreter
    ) async throws(BuildEnvironmentInstallError) -> [ResolvedBuildRequirement] {
        calls.withLock { $0.append(requirements.map(\.description)) }
        if let failure { throw failure }
        return requirements.map { ResolvedBuildRequirement(name: $0.name.normalized, version: "1.0", sha256: String(repeating: "0", count: 64)) }
    }
}

/// One interpreter, a cache and a scratch directory for a test.
struct BuildRig {
    static let minor = "3.11"
    let work: TemporaryDirectory
    let interpreter: Interpreter
    let cache: CacheRoot
    let installer: RecordingInstaller

    static func make(installer: RecordingInstaller = RecordingInstaller(), minor: String = BuildRig.minor) async throws -> BuildRig {
        let work = try TemporaryDirectory("kiln-build-test")
        guard let path = PyenvInterpreters.path(for: minor) else { throw FixtureError(message: "no Python \(minor)") }
        let interpreter = try await InterpreterInspector(cacheDirectory: nil).inspect(path)
        let cache = try await CacheRoot.open(at: work.file("cache"), lockTimeout: .seconds(120))
        return BuildRig(work: work, interpreter: interpreter, cache: cache, installer: installer)
    }

    func service(cache: CacheRoot? = nil, events: (@Sendable (BuildEvent) -> Void)? = nil) -> BuildService {
        BuildService(cache: cache ?? self.cache, target: interpreter, venvBase: interpreter, lockTimeout: .seconds(120),
                     onEvent: events ?? { _ in })
    }

    func options(_ settings: [String] = [], environment: [String: String] = ProcessInfo.processInfo.environment) throws -> BuildOptions {
        var environment = environment
        environment.removeValue(forKey: "SOURCE_DATE_EPOCH")
        return BuildOptions(configSettings: try ConfigSettings(parsing: settings), isolation: .isolated(installer), environment: environment)
    }

    func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    func probe(_ hook: String, in directory: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + hook + ".json"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}

let needsPython311 = Testing.ConditionTrait.enabled(if: PyenvInterpreters.isAvailable(BuildRig.minor), "needs CPython \(BuildRig.minor) from pyenv")

/// The interpreters the hook runner must work on (3.8–3.13) that this machine has.
let hookRunnerPythons = ["3.8", "3.9", "3.10", "3.11", "3.12", "3.13"].filter(PyenvInterpreters.isAvailable)
