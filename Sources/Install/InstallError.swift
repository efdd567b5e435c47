import Cache
import SystemSupport

public enum InstallError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidWheel(wheel: String, problems: [WheelProblem])
    case badWheelFilename(String)
    case wheelNotFound(String)
    case io(SystemCallError)
    case cache(CacheError)
    case lock(LockError)
    case externallyManaged(interpreter: String, marker: String)
    case damagedJournal(path: String, reason: String)
    case notInstalled([String])
    case compileFailed(interpreter: String, output: String)
    case process(ProcessError)
    /// A system library kiln loads on first use (libarchive) is missing or unusable.
    case libraryUnavailable(String)
    case conflictingWheels(name: String, wheels: [String])
    /// Something kiln itself should have guaranteed did not hold (a bug, reported as one).
    case internalInconsistency(String)

    public var description: String {
        switch self {
        case .invalidWheel(let wheel, let problems):
            let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
            return "refusing to install \(wheel): \(count); nothing was installed:\n"
                + problems.map { "  - " + $0.description }.joined(separator: "\n")
        case .badWheelFilename(let name):
            return "'\(name)' is not a wheel filename (expected NAME-VERSION[-BUILD]-PY-ABI-PLATFORM.whl)"
        case .wheelNotFound(let path): return "wheel \(path) does not exist"
        case .io(let error): return error.description
        case .cache(let error): return error.description
        case .lock(let error): return error.description
        case .externallyManaged(let interpreter, let marker):
            return "the Python interpreter \(interpreter) is externally managed (\(marker) exists); "
                + "install into a venv (`kiln venv`), or pass --break-system-packages"
        case .damagedJournal(let path, let reason):
            return "the install journal \(path) is damaged (\(reason)); inspect it, then remove it to continue"
        case .notInstalled(let names):
            return "not installed: \(names.joined(separator: ", "))"
        case .compileFailed(let interpreter, let output):
            return "byte-compiling with \(interpreter) failed: \(output)"
        case .process(let error): return error.description
        case .libraryUnavailable(let reason): return reason
        case .internalInconsistency(let what): return "internal error: \(what); this is a bug in kiln, please report it"
        case .conflictingWheels(let name, let wheels):
            return "cannot install two different wheels of \(name) at once (\(wheels.joined(separator: " and "))); give one"
        }
    }
}
