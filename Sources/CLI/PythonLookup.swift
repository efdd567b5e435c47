import Python
import SystemSupport

// LOCAL STAND-IN: replace with the Python module's `InterpreterDiscovery` once it lands in git.
// It understands only what kiln's own commands need now: a path, `3.X`, or a command name.

enum PythonLookup {
    struct NotFound: Error, CustomStringConvertible, HintedError {
        let request: String
        var description: String { "no Python interpreter matches '\(request)'" }
        var hint: String? { "pass --python with the interpreter's path" }
    }

    static func find(_ request: String?, environment: [String: String]) throws -> String {
        guard let request else {
            if let active = environment["VIRTUAL_ENV"], !active.isEmpty { return FileSystem.join(active, "bin/python") }
            return try onPath("python3", environment: environment) ?? { throw NotFound(request: "python3") }()
        }
        if request.contains("/") {
            let path = FileSystem.absolute(request)
            if VirtualEnvironment.isVirtualEnvironment(path) { return FileSystem.join(path, "bin/python") }
            guard FileSystem.exists(path) else { throw NotFound(request: request) }
            return path
        }
        let isVersion = request.first?.isNumber == true
        let command = isVersion ? "python" + request : request
        if let found = onPath(command, environment: environment) { return found }
        if isVersion, let found = pyenv(request, environment: environment) { return found }
        throw NotFound(request: request)
    }

    /// The venv root if `path` is one, or is an interpreter inside one (`.venv/bin/python`).
    static func virtualEnvironment(containing path: String) -> String? {
        let absolute = FileSystem.absolute(path)
        if VirtualEnvironment.isVirtualEnvironment(absolute) { return absolute }
        let root = FileSystem.parent(of: FileSystem.parent(of: absolute))
        return VirtualEnvironment.isVirtualEnvironment(root) ? root : nil
    }

    private static func onPath(_ command: String, environment: [String: String]) -> String? {
        for directory in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = FileSystem.join(String(directory), command)
            if FileSystem.exists(candidate) && !FileSystem.isDirectory(candidate) { return candidate }
        }
        return nil
    }

    private static func pyenv(_ minor: String, environment: [String: String]) -> String? {
        let root = environment["PYENV_ROOT"] ?? FileSystem.join(environment["HOME"] ?? "/root", ".pyenv")
        let versions = ((try? FileSystem.listDirectory(FileSystem.join(root, "versions"))) ?? [])
            .filter { $0.hasPrefix(minor + ".") }
            .sorted { $0.split(separator: ".").compactMap { Int($0) }.lexicographicallyPrecedes($1.split(separator: ".").compactMap { Int($0) }) }
        guard let newest = versions.last else { return nil }
        let executable = FileSystem.join(root, "versions/\(newest)/bin/python\(minor)")
        return FileSystem.exists(executable) ? executable : nil
    }
}
