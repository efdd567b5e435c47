import SystemSupport

extension VirtualEnvironment {
    /// The environment a command acts on when none is named (DESIGN.md, "Command-line contract"),
    /// found without running an interpreter: `$VIRTUAL_ENV`, which must then be one, else the
    /// project's `.venv` (see `projectDirectory`); nil when there is neither.
    public static func locateDefault(in context: DiscoveryContext) throws(VenvError) -> VirtualEnvironment? {
        if let active = context.variables["VIRTUAL_ENV"], !active.isEmpty {
            return try open(at: active)
        }
        guard let project = projectDirectory(from: context.currentDirectory) else { return nil }
        return try open(at: project)
    }

    /// `.venv` in `directory` or in its nearest ancestor that has one, as uv looks for it: a
    /// command run in a project's subdirectory still finds the project's environment.
    static func projectDirectory(from directory: String) -> String? {
        var directory = directory
        while true {
            let candidate = FileSystem.join(directory, ".venv")
            if isVirtualEnvironment(candidate) { return candidate }
            let up = FileSystem.parent(of: directory)
            if up == directory { return nil }
            directory = up
        }
    }
}
