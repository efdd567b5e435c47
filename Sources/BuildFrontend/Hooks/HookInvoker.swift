#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SystemSupport
import Templates

/// Runs one hook of one backend through the hook runner (isolated-env-templates/build/hook_runner.py)
/// and reads its result file. The backend's stdout and stderr go to the build log.
struct HookInvoker: Sendable {
    /// The interpreter that runs hooks: the build venv's, or the target's under --no-isolation.
    let python: String
    /// `-I` for isolated builds (no user site, no script directory on sys.path).
    let pythonFlags: [String]
    /// The tree's root: the hooks' working directory.
    let sourceTree: String
    /// `build-system.build-backend` (the PEP 517 default already applied) and `backend-path`.
    let backend: String
    let backendPath: [String]?
    let environment: [String: String]
    /// A private directory for the runner script and the control/result files.
    let workDirectory: String
    let log: BuildLog
    let timeout: Duration?

    func run(_ hook: BuildHook, arguments: [String: JSONValue]) async throws(BuildError) -> HookOutcome {
        let runner = FileSystem.join(workDirectory, "hook_runner.py")
        let control = FileSystem.join(workDirectory, "\(hook.rawValue).control.json")
        let result = FileSystem.join(workDirectory, "\(hook.rawValue).result.json")
        var document: [String: JSONValue] = ["backend": .string(backend), "kwargs": .object(arguments)]
        document["backend_path"] = backendPath.map { .array($0.map(JSONValue.string)) } ?? .null
        do {
            if !FileSystem.exists(runner) {
                try FileSystem.writeAtomically(Array(Template.buildHookRunner.text.utf8), to: runner, flush: false)
            }
            try FileSystem.writeAtomically(try Self.encode(.object(document)), to: control, flush: false)
            if FileSystem.exists(result) { try FileSystem.removeTree(result) }
        } catch let error as SystemCallError {
            throw .io(error)
        } catch {
            throw .cache("cannot write the hook runner's control file: \(error)")
        }
        log.note("running \(hook.rawValue) of \(backend)")
        let invocation = ProcessInvocation(
            executable: python, arguments: pythonFlags + [runner, hook.rawValue, control, result],
            environment: environment, workingDirectory: sourceTree, output: .appendToFile(log.path), timeout: timeout)
        let termination: ProcessTermination
        do {
            termination = try await ProcessRunner.runCancellable(invocation).termination
        } catch {
            throw .environment(BuildEnvironmentFailure(project: sourceTree, phase: hook.phase, reason: error.description))
        }
        if Task.isCancelled { throw .cancelled }
        guard let bytes = try? FileSystem.readBytes(result), let value = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)) else {
            let reason = termination == .exited(0)
                ? "the hook runner wrote no result"
                : "the hook runner ended with \(termination) before writing its result"
            return .failed(HookFailure(kind: .runnerDied, message: reason, exception: nil, module: nil, traceback: nil))
        }
        return Self.outcome(value)
    }

    static func outcome(_ value: JSONValue) -> HookOutcome {
        switch value["status"]?.string {
        case "ok":
            let fallback = value["fallback"] == .bool(true)
            return .value(value["value"] ?? .null, usedFallback: fallback)
        case "missing":
            return .missing
        default:
            let kind = value["kind"]?.string.flatMap(HookFailure.Kind.init(rawValue:)) ?? .hookFailed
            return .failed(HookFailure(
                kind: kind, message: value["message"]?.string ?? "", exception: value["exception"]?.string,
                module: value["module"]?.string, traceback: value["traceback"]?.string))
        }
    }

    static func encode(_ value: JSONValue) throws -> [UInt8] {
        Array(try JSONEncoder().encode(value))
    }
}
