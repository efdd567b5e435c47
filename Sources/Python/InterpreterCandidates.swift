import SystemSupport

/// A path that may hold an interpreter, and where discovery found it.
public struct InterpreterCandidate: Hashable, Sendable {
    public enum Source: String, Sendable {
        case virtualEnv = "$VIRTUAL_ENV"
        case projectEnvironment = ".venv"
        case searchPath = "PATH"
        case pyenv = "pyenv"
    }

    public let path: String
    public let source: Source
}

/// Lists candidate paths in search order without running anything.
enum InterpreterCandidates {
    /// With no request: the first of `$VIRTUAL_ENV`, `./.venv` (here or above), `python3` on PATH.
    static func defaults(in context: DiscoveryContext) -> [InterpreterCandidate] {
        let candidates = virtualEnv(context) + projectEnvironment(context)
            + searchPath(context, names: ["python3"])
        return Array(deduplicated(candidates).prefix(1))
    }

    /// Everything, in order; names `python3.Y` that cannot match a request for 3.X are left out.
    static func search(in context: DiscoveryContext, for request: PythonRequest?) -> [InterpreterCandidate] {
        let wanted = request.flatMap(wantedMinor)
        let all = virtualEnv(context) + projectEnvironment(context) + searchPath(context, names: nil) + pyenv(context)
        return deduplicated(all).filter { candidate in
            guard let wanted, let minor = minorInName(FileSystem.basename(of: candidate.path)) else { return true }
            return minor == wanted
        }
    }

    /// A virtual environment's interpreter: `bin/python`, else `bin/python3`.
    static func environmentPython(_ directory: String) -> String? {
        for name in ["bin/python", "bin/python3"] {
            let path = FileSystem.join(directory, name)
            if isExecutableFile(path) { return path }
        }
        return nil
    }

    private static func virtualEnv(_ context: DiscoveryContext) -> [InterpreterCandidate] {
        guard let directory = context.variables["VIRTUAL_ENV"], !directory.isEmpty,
            let python = environmentPython(directory)
        else { return [] }
        return [InterpreterCandidate(path: python, source: .virtualEnv)]
    }

    private static func projectEnvironment(_ context: DiscoveryContext) -> [InterpreterCandidate] {
        guard let directory = VirtualEnvironment.projectDirectory(from: context.currentDirectory),
            let python = environmentPython(directory)
        else { return [] }
        return [InterpreterCandidate(path: python, source: .projectEnvironment)]
    }

    /// Per PATH directory: `python3`, `python`, then `python3.X` newest first (or only `names`).
    private static func searchPath(_ context: DiscoveryContext, names: [String]?) -> [InterpreterCandidate] {
        let directories = (context.variables["PATH"] ?? "").split(separator: ":").map(String.init).filter { $0.hasPrefix("/") }
        var candidates: [InterpreterCandidate] = []
        for directory in directories {
            let present: [String]
            if let names {
                present = names
            } else if isPyenvShims(directory) {
                // A shim `python3.X` runs only if pyenv has 3.X selected, and then it is the
                // interpreter the pyenv search below finds anyway, without the shim's cost.
                present = ["python3", "python"]
            } else {
                let versioned = ((try? FileSystem.listDirectory(directory)) ?? [])
                    .compactMap { name in minorInName(name).map { (name, $0) } }
                    .sorted { $0.1 > $1.1 }.map(\.0)
                present = ["python3", "python"] + versioned
            }
            for name in present {
                let path = FileSystem.join(directory, name)
                guard isExecutableFile(path) else { continue }
                guard isPyenvShims(directory) else {
                    candidates.append(InterpreterCandidate(path: path, source: .searchPath))
                    continue
                }
                switch PyenvShim.resolve(command: name, shimsDirectory: directory, context: context) {
                case .interpreter(let resolved):
                    candidates.append(InterpreterCandidate(path: resolved, source: .searchPath))
                case .system, .unavailable:
                    continue
                case .unknown:
                    candidates.append(InterpreterCandidate(path: path, source: .searchPath))
                }
            }
        }
        return candidates
    }

    /// `$PYENV_ROOT` (else `~/.pyenv`) `/versions/*/bin/python3.X`, newest version first.
    private static func pyenv(_ context: DiscoveryContext) -> [InterpreterCandidate] {
        let root: String
        if let configured = context.variables["PYENV_ROOT"], !configured.isEmpty {
            root = configured
        } else if let home = context.variables["HOME"], !home.isEmpty {
            root = FileSystem.join(home, ".pyenv")
        } else {
            return []
        }
        let versionsDirectory = FileSystem.join(root, "versions")
        let versions = ((try? FileSystem.listDirectory(versionsDirectory)) ?? []).sorted(by: newerVersionFirst)
        var candidates: [InterpreterCandidate] = []
        for version in versions {
            let bin = FileSystem.join(FileSystem.join(versionsDirectory, version), "bin")
            let names = ((try? FileSystem.listDirectory(bin)) ?? []).filter { minorInName($0) != nil }
            for name in names.sorted(by: newerVersionFirst) {
                let path = FileSystem.join(bin, name)
                if isExecutableFile(path) { candidates.append(InterpreterCandidate(path: path, source: .pyenv)) }
            }
        }
        return candidates
    }

    /// Drops later paths that reach the same file. A venv's `python` links to its base
    /// interpreter's file but is a different environment, so the venv directory is part of the key.
    private static func deduplicated(_ candidates: [InterpreterCandidate]) -> [InterpreterCandidate] {
        var seen = Set<String>()
        return candidates.filter { candidate in
            let real = (try? FileSystem.realPath(candidate.path)) ?? candidate.path
            let environment = FileSystem.parent(of: FileSystem.parent(of: candidate.path))
            let isEnvironment = FileSystem.exists(FileSystem.join(environment, "pyvenv.cfg"))
            let key = real + "\u{0}" + (isEnvironment ? ((try? FileSystem.realPath(environment)) ?? environment) : "")
            return seen.insert(key).inserted
        }
    }

    /// `~/.pyenv/shims`, `~/.pyenv/plugins/pyenv-virtualenv/shims`.
    private static func isPyenvShims(_ directory: String) -> Bool {
        FileSystem.basename(of: directory) == "shims" && directory.contains("pyenv")
    }

    /// The minor version in a `python3.X` file name, nil for any other name.
    static func minorInName(_ name: String) -> Int? {
        guard name.hasPrefix("python3."), let minor = Int(name.dropFirst("python3.".count)), minor >= 0 else { return nil }
        return minor
    }

    private static func wantedMinor(_ request: PythonRequest) -> Int? {
        switch request {
        case .version(let prefix) where prefix.major == 3: return prefix.minor
        case .name(_, let prefix?) where prefix.major == 3: return prefix.minor
        default: return nil
        }
    }

    /// Orders `3.12.1` before `3.9.18` (and `python3.12` before `python3.9`) by their numbers.
    private static func newerVersionFirst(_ lhs: String, _ rhs: String) -> Bool {
        let left = lhs.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        let right = rhs.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        if left != right { return right.lexicographicallyPrecedes(left) }
        return lhs < rhs
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        guard let status = (try? FileStatus.of(path)) ?? nil, status.kind == .regular else { return false }
        return status.mode & 0o111 != 0
    }
}
