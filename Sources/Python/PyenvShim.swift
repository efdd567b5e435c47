import SystemSupport

/// pyenv's shims are bash scripts that run `pyenv exec`: tens of milliseconds on every call, and
/// never cacheable, because the interpreter they start changes without the shim changing. Which
/// one they start follows from what pyenv reads — `PYENV_VERSION`, a `.python-version` file here
/// or above, `$PYENV_ROOT/version` — so kiln reads the same and goes to the interpreter directly.
enum PyenvShim {
    enum Resolution: Equatable {
        /// The interpreter the shim would run.
        case interpreter(String)
        /// pyenv selects the system interpreter: the rest of PATH finds it.
        case system
        /// No selected version has this command: the shim would fail ("command not found").
        case unavailable
        /// Not a layout kiln understands: run the shim itself.
        case unknown
    }

    /// What `shimsDirectory/command` would run. `shimsDirectory` is `$PYENV_ROOT/shims`.
    static func resolve(command: String, shimsDirectory: String, context: DiscoveryContext) -> Resolution {
        let root = FileSystem.parent(of: shimsDirectory)
        let versions = FileSystem.join(root, "versions")
        guard FileSystem.basename(of: shimsDirectory) == "shims", FileSystem.isDirectory(versions) else {
            return .unknown
        }
        guard let selected = selectedVersions(root: root, context: context) else { return .unknown }
        for name in selected {
            if name == "system" { return .system }
            guard let directory = installedDirectory(for: name, in: versions) else { continue }
            let executable = FileSystem.join(directory, "bin/" + command)
            if let status = (try? FileStatus.of(executable)) ?? nil, status.kind == .regular, status.mode & 0o111 != 0 {
                return .interpreter(executable)
            }
        }
        return .unavailable
    }

    /// pyenv's order: `PYENV_VERSION` (colon-separated), the nearest `.python-version`, the global
    /// `version` file, else "system". nil when a file exists but cannot be read.
    private static func selectedVersions(root: String, context: DiscoveryContext) -> [String]? {
        if let variable = context.variables["PYENV_VERSION"], !variable.isEmpty {
            return variable.split(separator: ":").map(String.init)
        }
        var directory = context.currentDirectory
        while true {
            let file = FileSystem.join(directory, ".python-version")
            if FileSystem.exists(file) { return readVersionFile(file) }
            let up = FileSystem.parent(of: directory)
            if up == directory { break }
            directory = up
        }
        let global = FileSystem.join(root, "version")
        if FileSystem.exists(global) { return readVersionFile(global) }
        return ["system"]
    }

    /// Whitespace-separated version names; `#` comments and names that could leave the versions
    /// directory are ignored, as pyenv does.
    private static func readVersionFile(_ path: String) -> [String]? {
        guard let text = try? FileSystem.readText(path) else { return nil }
        return text.split(whereSeparator: \.isNewline)
            .filter { !$0.hasPrefix("#") }
            .flatMap { $0.split(whereSeparator: \.isWhitespace) }
            .map(String.init)
            .filter { !$0.contains("..") && !$0.contains("/") }
    }

    /// The exact `versions/NAME`, else (as pyenv 2 does) the newest installed `NAME.x` release.
    private static func installedDirectory(for name: String, in versions: String) -> String? {
        let exact = FileSystem.join(versions, name)
        if FileSystem.isDirectory(exact) { return exact }
        let installed = (try? FileSystem.listDirectory(versions)) ?? []
        let matching = installed.filter { $0.hasPrefix(name + ".") && $0.dropFirst(name.count + 1).allSatisfy { $0.isNumber || $0 == "." } }
        let newest = matching.max { lhs, rhs in
            let left = lhs.split(separator: ".").compactMap { Int($0) }
            let right = rhs.split(separator: ".").compactMap { Int($0) }
            return left.lexicographicallyPrecedes(right)
        }
        return newest.map { FileSystem.join(versions, $0) }
    }
}
