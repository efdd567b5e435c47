#if canImport(Glibc)
import Glibc
#endif
import SystemSupport
import Templates

/// Writes a virtual environment directly — `pyvenv.cfg`, interpreter symlinks, site-packages,
/// activation scripts — the layout `python -m venv --without-pip` produces, without running Python.
public enum VenvCreator {
    /// `base` is a base interpreter (see `InterpreterDiscovery.findVenvBase`): the environment's
    /// `bin/python` links to its executable and `home` names that executable's directory.
    /// A `.throwaway` environment (a build's, removed with the build) gets no activation scripts
    /// and no fsync: nobody activates it, and nothing needs it after a crash.
    public enum Purpose: Sendable {
        case user
        case throwaway
    }

    public static func create(
        at path: String, base: Interpreter, prompt: String? = nil, purpose: Purpose = .user
    ) throws(VenvError) -> VirtualEnvironment {
        let durable = purpose == .user
        guard !base.isVirtualEnvironment else { throw .baseIsVirtualEnvironment(interpreter: base.path) }
        let root = FileSystem.absolute(path)
        try clearDestination(root)
        let version = base.version
        let venv = VirtualEnvironment(
            root: root, pythonMajor: version.major, pythonMinor: version.minor, home: FileSystem.parent(of: base.executable))
        do {
            try FileSystem.createDirectories(venv.binDirectory)
            try FileSystem.createDirectories(venv.sitePackages)
            try symlink(FileSystem.basename(of: "lib"), at: FileSystem.join(root, "lib64"))
            try symlink(base.executable, at: venv.python)
            for alias in ["python\(version.major)", "python\(version.minorVersion)"] {
                try symlink("python", at: FileSystem.join(venv.binDirectory, alias))
            }
            let promptText = prompt ?? FileSystem.basename(of: root)
            if durable {
                for (template, name) in [(Template.venvActivateSh, "activate"), (.venvActivateFish, "activate.fish"), (.venvActivateCsh, "activate.csh")] {
                    try FileSystem.writeAtomically(
                        Array(ActivationScript.render(template, root: root, prompt: promptText).utf8),
                        to: FileSystem.join(venv.binDirectory, name))
                }
                // Tools that walk the tree (git, ripgrep) skip the environment.
                try FileSystem.writeAtomically("*\n", to: FileSystem.join(root, ".gitignore"))
            }
            // pyvenv.cfg last: until it exists the directory is not taken for a venv.
            let configuration = """
                home = \(venv.home ?? "")
                include-system-site-packages = false
                version = \(version.major).\(version.minor).\(version.micro)
                executable = \(base.executable)
                prompt = \(promptText)

                """
            try FileSystem.writeAtomically(Array(configuration.utf8), to: venv.configurationPath, flush: durable)
        } catch {
            throw .io(error)
        }
        return venv
    }

    /// An existing venv is replaced; an empty directory is used; anything else is refused.
    private static func clearDestination(_ root: String) throws(VenvError) {
        guard FileSystem.exists(root) else { return }
        guard FileSystem.isDirectory(root) else { throw .directoryNotEmpty(path: root) }
        let entries: [String]
        do {
            entries = try FileSystem.listDirectory(root)
        } catch {
            throw .io(error)
        }
        if entries.isEmpty { return }
        guard VirtualEnvironment.isVirtualEnvironment(root) else { throw .directoryNotEmpty(path: root) }
        do {
            for entry in entries { try FileSystem.removeTree(FileSystem.join(root, entry)) }
        } catch {
            throw .io(error)
        }
    }

    private static func symlink(_ target: String, at path: String) throws(SystemCallError) {
        unlink(path)
        guard Glibc.symlink(target, path) == 0 else { throw SystemCallError("cannot create symlink", path: path) }
    }
}

/// Fills an activation template with the venv's path and prompt, quoted for that shell.
enum ActivationScript {
    static func render(_ template: Template, root: String, prompt: String) -> String {
        let quote: (String) -> String
        switch template {
        case .venvActivateFish:
            quote = { "'" + $0.map { $0 == "\\" || $0 == "'" ? "\\\($0)" : String($0) }.joined() + "'" }
        case .venvActivateCsh:
            quote = { "'" + $0.map { $0 == "'" ? "'\\''" : $0 == "!" ? "\\!" : String($0) }.joined() + "'" }
        default:
            quote = { "'" + $0.map { $0 == "'" ? "'\\''" : String($0) }.joined() + "'" }
        }
        return template.text
            .split(separator: "__KILN_VENV_DIR__", omittingEmptySubsequences: false).joined(separator: quote(root))
            .split(separator: "__KILN_VENV_PROMPT__", omittingEmptySubsequences: false).joined(separator: quote(prompt))
    }
}
