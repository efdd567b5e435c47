import ArgumentParser
import Install
import Python

/// Which environment `install`, `uninstall` and `list` act on (DESIGN.md, "Command-line contract"):
/// the virtual environment of the `--python` interpreter, else `$VIRTUAL_ENV`, else the project's
/// `.venv`; with `--system` the interpreter's own prefix (by default the discovered default
/// interpreter); with `--target DIR` a plain directory.
struct EnvironmentOptions: ParsableArguments {
    @OptionGroup var python: PythonOption

    @Flag(name: .customLong("system"), help: "Use the interpreter's own prefix instead of a virtual environment.")
    var system = false

    @Flag(name: .customLong("break-system-packages"), help: "With --system: install even into an EXTERNALLY-MANAGED interpreter.")
    var breakSystemPackages = false

    @Option(name: .customLong("target"), help: "Install into this directory (packages at the top, scripts in bin/).")
    var targetDirectory: String?

    func validate() throws {
        if system && targetDirectory != nil { throw ValidationError("--system and --target exclude each other") }
        if breakSystemPackages && !system { throw ValidationError("--break-system-packages goes with --system") }
    }

    /// A default virtual environment is found without running Python; every other target needs
    /// the interpreter inspected (a cached probe): its prefix, scheme paths or executable.
    /// `readOnly` (listing) skips PEP 668's guard, which protects an environment from changes.
    func resolveTarget(_ discovery: InterpreterDiscovery, readOnly: Bool = false) async throws -> InstallTarget {
        let request = python.request
        if let targetDirectory {
            return .directory(targetDirectory, pythonExecutable: try await discovery.find(request).executable)
        }
        if system {
            return try .system(try await discovery.find(request), breakSystemPackages: breakSystemPackages || readOnly)
        }
        guard let request else {
            guard let venv = try VirtualEnvironment.locateDefault(in: discovery.context) else { throw NoEnvironmentError.noDefault }
            return .virtualEnvironment(venv)
        }
        let interpreter = try await discovery.find(request)
        guard interpreter.isVirtualEnvironment else {
            throw NoEnvironmentError.notInVirtualEnvironment(request: request, interpreter: interpreter.path)
        }
        return .virtualEnvironment(try VirtualEnvironment.open(at: interpreter.prefix))
    }
}

enum NoEnvironmentError: Error, Equatable, Sendable, CustomStringConvertible, HintedError {
    case noDefault
    /// `--python` selected an interpreter that is not inside a virtual environment.
    case notInVirtualEnvironment(request: PythonRequest, interpreter: String)

    var description: String {
        switch self {
        case .noDefault:
            return "no virtual environment found (VIRTUAL_ENV is unset and there is no .venv here or in a parent directory)"
        case .notInVirtualEnvironment(let request, let interpreter):
            let selected = request.description == interpreter ? interpreter : "\(interpreter) (selected by --python \(request))"
            return "the Python interpreter \(selected) is not inside a virtual environment"
        }
    }

    var hint: String? {
        switch self {
        case .noDefault:
            return "create one with `kiln venv .venv`, or pass --python, --system or --target DIR"
        case .notInVirtualEnvironment(_, let interpreter):
            return "make one from it with `kiln venv .venv --python \(interpreter)`, or pass --system to use its own prefix"
        }
    }
}
