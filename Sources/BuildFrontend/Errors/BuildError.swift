import SystemSupport

/// Everything a build can fail with, in pypa/build's three kinds (the input is wrong, preparing
/// the environment failed, the backend failed) plus the cache and the file system around them.
public enum BuildError: Error, Sendable, Equatable, CustomStringConvertible {
    case input(BuildInputError)
    case environment(BuildEnvironmentFailure)
    case backend(BackendFailure)
    case cache(String)
    case io(SystemCallError)
    /// The build was cancelled (SIGINT/SIGTERM); the backend's processes were killed.
    case cancelled

    public var description: String {
        switch self {
        case .input(let error): return error.description
        case .environment(let failure): return failure.description
        case .backend(let failure): return failure.description
        case .cache(let message): return message
        case .io(let error): return error.description
        case .cancelled: return "the build was interrupted; its processes were stopped and nothing was published"
        }
    }

    /// Advice beyond the description, when there is some.
    public var hint: String? {
        switch self {
        case .input(let error): return error.hint
        case .environment(let failure): return failure.hint
        case .backend(let failure): return failure.hint
        case .cache, .io, .cancelled: return nil
        }
    }
}

/// Preparing the build environment failed: the venv, or resolving/installing build requirements.
public struct BuildEnvironmentFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public let project: String
    public let phase: BuildPhase
    public let reason: String
    /// Requirements being installed, when that is what failed.
    public let requirements: [String]

    public init(project: String, phase: BuildPhase, reason: String, requirements: [String] = []) {
        self.project = project
        self.phase = phase
        self.reason = reason
        self.requirements = requirements
    }

    public var description: String {
        let what = requirements.isEmpty ? "" : " (\(requirements.joined(separator: ", ")))"
        return "failed to build \(project): preparing the build environment failed while \(phase)\(what): \(reason)"
    }

    public var hint: String? {
        phase == .resolvingBuildRequirements
            ? "the build requirements come from [build-system].requires and the backend's get_requires hook; check them, the index options and --build-constraint"
            : nil
    }
}

/// The backend (or the hook runner around it) failed.
public struct BackendFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public let project: String
    public let phase: BuildPhase
    public let hook: BuildHook
    /// One line: the exception and its message, the exit status, or what was wrong with the result.
    public let reason: String
    /// The last lines of the build log (at most `BuildLog.tailLineCount`).
    public let logTail: [String]
    /// Where the whole log was kept.
    public let logPath: String?
    public let hint: String?

    public init(project: String, phase: BuildPhase, hook: BuildHook, reason: String, logTail: [String], logPath: String?, hint: String?) {
        self.project = project
        self.phase = phase
        self.hook = hook
        self.reason = reason
        self.logTail = logTail
        self.logPath = logPath
        self.hint = hint
    }

    public var description: String {
        var text = "failed to build \(project): the build backend failed in \(phase) (\(hook.rawValue)): \(reason)"
        if !logTail.isEmpty {
            text += "\n  last \(logTail.count) lines of the build log:\n" + logTail.map { "    " + $0 }.joined(separator: "\n")
        }
        if let logPath { text += "\n  full log: \(logPath)" }
        return text
    }
}
