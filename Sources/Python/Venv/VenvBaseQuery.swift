import SystemSupport

// LOCAL STAND-IN: replace with the Python module's `Interpreter` (executable, base prefix,
// version, sysconfig paths) once it lands in git.

/// Asks an interpreter for what `VenvCreator` needs, and where its bundled pip wheel is.
public enum VenvBaseQuery {
    public struct Answer: Sendable, Equatable {
        public let base: VenvBaseInterpreter
        public let stdlib: String
    }

    private static let script = """
        import sys, sysconfig
        print(getattr(sys, "_base_executable", None) or sys.executable)
        print("%d.%d.%d" % sys.version_info[:3])
        print(sysconfig.get_path("stdlib"))
        """

    public static func ask(_ python: String) async throws(VenvError) -> Answer {
        let result: ProcessResult
        do {
            result = try await ProcessRunner.run(ProcessInvocation(
                executable: python, arguments: ["-I", "-S", "-c", script], timeout: .seconds(60)))
        } catch {
            throw .interpreterFailed(interpreter: python, reason: error.description)
        }
        let lines = result.standardOutputText.split(separator: "\n").map(String.init)
        guard result.succeeded, lines.count >= 3 else {
            throw .interpreterFailed(interpreter: python, reason: String(result.standardErrorText.suffix(500)))
        }
        let numbers = lines[1].split(separator: ".").compactMap { Int($0) }
        guard numbers.count == 3 else { throw .interpreterFailed(interpreter: python, reason: "unexpected version '\(lines[1])'") }
        var executable = lines[0]
        // A venv's interpreter as base: use what its own pyvenv.cfg points at.
        if let venv = try? VirtualEnvironment.open(at: FileSystem.parent(of: FileSystem.parent(of: executable))),
           let home = venv.home {
            executable = FileSystem.join(home, FileSystem.basename(of: (try? FileSystem.realPath(executable)) ?? executable))
        }
        return Answer(
            base: VenvBaseInterpreter(executable: executable, version: lines[1], major: numbers[0], minor: numbers[1]),
            stdlib: lines[2])
    }

    /// The pip wheel CPython bundles for `ensurepip` — what `kiln venv --seed` installs offline.
    public static func bundledPipWheel(stdlib: String) -> String? {
        let directory = FileSystem.join(stdlib, "ensurepip/_bundled")
        let wheels = ((try? FileSystem.listDirectory(directory)) ?? []).filter { $0.hasPrefix("pip-") && $0.hasSuffix(".whl") }
        return wheels.last.map { FileSystem.join(directory, $0) }
    }
}
