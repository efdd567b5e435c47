import SystemSupport

// LOCAL STAND-IN: replace with the Python module's `Interpreter` probe (sysconfig paths, prefix)
// once it lands in git. Only `--system` needs it; venvs and `--target` need no interpreter run.

/// The interpreter's own install scheme, for `kiln install --system`.
public enum SystemTargetProbe {
    private static let script = """
        import sys, sysconfig
        p = sysconfig.get_paths()
        for k in ("purelib", "platlib", "scripts", "include", "data", "stdlib"):
            print(k + "=" + p[k])
        print("prefix=" + sys.prefix)
        """

    /// Reads the scheme and refuses an EXTERNALLY-MANAGED interpreter (PEP 668) unless told not to.
    public static func target(python: String, breakSystemPackages: Bool) async throws(InstallError) -> InstallTarget {
        let result: ProcessResult
        do {
            result = try await ProcessRunner.run(ProcessInvocation(
                executable: python, arguments: ["-I", "-c", script], timeout: .seconds(60)))
        } catch {
            throw .process(error)
        }
        guard result.succeeded else {
            throw .process(.spawnFailed(executable: python, SystemCallError(result.standardErrorText, path: python, code: 0)))
        }
        var paths: [String: String] = [:]
        for line in result.standardOutputText.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            paths[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        let prefix = paths["prefix"] ?? FileSystem.parent(of: FileSystem.parent(of: python))
        if let stdlib = paths["stdlib"], !breakSystemPackages {
            let marker = FileSystem.join(stdlib, "EXTERNALLY-MANAGED")
            if FileSystem.exists(marker) { throw .externallyManaged(prefix: prefix, marker: marker) }
        }
        let scheme = InstallScheme(
            purelib: paths["purelib"] ?? prefix, platlib: paths["platlib"] ?? prefix,
            scripts: paths["scripts"] ?? FileSystem.join(prefix, "bin"),
            headersBase: paths["include"] ?? FileSystem.join(prefix, "include"), data: paths["data"] ?? prefix)
        return InstallTarget(kind: .system, root: prefix, scheme: scheme, pythonExecutable: python)
    }
}
