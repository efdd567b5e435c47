import SystemSupport

/// Why an interpreter could not be inspected or found. Every case names the interpreter (or the
/// request) and says what to do.
public enum InterpreterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path does not exist.
    case notFound(path: String)
    /// It exists but could not be started (not executable, bad `#!` line, not a program).
    case cannotRun(path: String, reason: String)
    /// The probe exited unsuccessfully; `detail` is the last line it wrote to stderr.
    case probeFailed(path: String, termination: ProcessTermination, detail: String)
    /// The probe did not finish in time and was stopped.
    case probeTimedOut(path: String, seconds: Double)
    /// The probe printed something that is not its JSON report.
    case invalidReport(path: String, excerpt: String)
    /// A Python too old for kiln (2.x, 3.7 and older).
    case unsupportedVersion(path: String, version: String)
    /// A directory given as an interpreter that holds no `bin/python`.
    case notAnEnvironment(path: String)

    public var path: String {
        switch self {
        case .notFound(let path), .cannotRun(let path, _), .probeFailed(let path, _, _),
            .probeTimedOut(let path, _), .invalidReport(let path, _), .unsupportedVersion(let path, _),
            .notAnEnvironment(let path):
            return path
        }
    }

    public var description: String {
        switch self {
        case .notFound(let path):
            return "no Python interpreter at \(path): the file does not exist"
        case .cannotRun(let path, let reason):
            return "cannot run the Python interpreter \(path): \(reason)"
        case .probeFailed(let path, let termination, let detail):
            let said = detail.isEmpty ? "" : ": \(detail)"
            return "the Python interpreter \(path) failed while being inspected (\(termination))\(said)"
        case .probeTimedOut(let path, let seconds):
            return "the Python interpreter \(path) did not answer within \(Self.format(seconds)) s and was stopped; "
                + "check that it runs, or raise KILN_PROBE_TIMEOUT"
        case .invalidReport(let path, let excerpt):
            return "\(path) does not behave like a Python interpreter: it printed '\(excerpt)' instead of kiln's probe report"
        case .unsupportedVersion(let path, let version):
            return "the Python interpreter \(path) is version \(version), which kiln does not support (3.8 or newer is needed)"
        case .notAnEnvironment(let path):
            return "\(path) is a directory but not a virtual environment (it has no bin/python)"
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
