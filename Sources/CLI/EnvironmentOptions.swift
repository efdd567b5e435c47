import ArgumentParser
import Install
import Python
import SystemSupport

/// Which environment `install`, `uninstall` and `list` act on (DESIGN.md, "Command-line contract"):
/// `--python` (a venv, or an interpreter), else `$VIRTUAL_ENV`, else `./.venv`; `--system`; `--target`.
struct EnvironmentOptions: ParsableArguments {
    @Option(name: .customLong("python"), help: "Interpreter or virtual environment: a path, a version (3.12) or a name.")
    var python: String?

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

    func resolveTarget() async throws -> InstallTarget {
        let environment = ProcessEnvironment.variables
        if let targetDirectory {
            let interpreter = try PythonLookup.find(python, environment: environment)
            return InstallTarget.directory(targetDirectory, pythonExecutable: interpreter)
        }
        if system {
            let interpreter = try PythonLookup.find(python, environment: environment)
            return try await SystemTargetProbe.target(python: interpreter, breakSystemPackages: breakSystemPackages)
        }
        if let python, let venv = PythonLookup.virtualEnvironment(containing: python) {
            return .virtualEnvironment(try VirtualEnvironment.open(at: venv))
        }
        if python == nil {
            if let active = environment["VIRTUAL_ENV"], !active.isEmpty {
                return .virtualEnvironment(try VirtualEnvironment.open(at: active))
            }
            let local = FileSystem.absolute(".venv")
            if VirtualEnvironment.isVirtualEnvironment(local) { return .virtualEnvironment(try VirtualEnvironment.open(at: local)) }
        }
        throw NoEnvironmentError(python: python)
    }
}

struct NoEnvironmentError: Error, CustomStringConvertible, HintedError {
    let python: String?
    var description: String {
        if let python { return "\(python) is not a virtual environment or an interpreter inside one" }
        return "no virtual environment found (VIRTUAL_ENV is unset and there is no ./.venv)"
    }
    var hint: String? { "create one with `kiln venv .venv`, or pass --system or --target DIR" }
}
