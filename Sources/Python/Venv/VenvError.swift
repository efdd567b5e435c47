import SystemSupport

public enum VenvError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAVirtualEnvironment(path: String)
    case unreadableConfiguration(path: String, reason: String)
    case directoryNotEmpty(path: String)
    case io(SystemCallError)
    case interpreterFailed(interpreter: String, reason: String)

    public var description: String {
        switch self {
        case .notAVirtualEnvironment(let path):
            return "\(path) is not a virtual environment (no pyvenv.cfg); create one with `kiln venv \(path)`"
        case .unreadableConfiguration(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .directoryNotEmpty(let path):
            return "\(path) exists, has files in it and is not a virtual environment; refusing to overwrite it (choose another path or remove it)"
        case .io(let error):
            return error.description
        case .interpreterFailed(let interpreter, let reason):
            return "cannot inspect the interpreter \(interpreter): \(reason)"
        }
    }
}
