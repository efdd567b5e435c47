import SystemSupport

public enum VenvError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAVirtualEnvironment(path: String)
    case unreadableConfiguration(path: String, reason: String)
    case directoryNotEmpty(path: String)
    case io(SystemCallError)
    /// No interpreter to base the environment on: the request matched none, or it failed inspection.
    case interpreter(DiscoveryError)
    /// The interpreter found is inside `environment`, and the one that environment was made from is gone.
    case baseInterpreterMissing(environment: String, tried: [String])
    /// `VenvCreator` was handed a virtual environment's interpreter instead of a base interpreter.
    case baseIsVirtualEnvironment(interpreter: String)

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
        case .interpreter(let error):
            return error.description
        case .baseInterpreterMissing(let environment, let tried):
            return "the interpreter of the virtual environment \(environment) was made from an interpreter that is gone "
                + "(looked for \(tried.joined(separator: ", "))); pass --python with another interpreter"
        case .baseIsVirtualEnvironment(let interpreter):
            return "\(interpreter) belongs to a virtual environment; a new environment is made from a base interpreter, not another environment's"
        }
    }
}
