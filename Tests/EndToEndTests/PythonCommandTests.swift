import Foundation
import Testing
import TestSupport

/// `kiln python list | find | tags` as a user runs them, on a PATH made of links to the pyenv
/// interpreters.
@Suite struct PythonCommandTests {
    static let available = ["3.11", "3.12"].allSatisfy(PyenvInterpreters.isAvailable)

    final class Setup: Sendable {
        let directory: TemporaryDirectory
        var bin: String { directory.file("bin") }
        var cache: String { directory.file("cache") }
        var python312: String { bin + "/python3.12" }

        init() throws {
            directory = try TemporaryDirectory("kiln-python-e2e")
            try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
            for minor in ["3.11", "3.12"] {
                let target = try #require(PyenvInterpreters.path(for: minor))
                try FileManager.default.createSymbolicLink(atPath: bin + "/python\(minor)", withDestinationPath: target)
            }
            try FileManager.default.createSymbolicLink(atPath: bin + "/python3", withDestinationPath: python312)
        }

        /// kiln with only our PATH, no active venv, no pyenv, and a private cache.
        func run(_ arguments: [String], environment: [String: String?] = [:]) throws -> KilnBinary.Result {
            var variables: [String: String?] = [
                "PATH": bin, "VIRTUAL_ENV": nil, "PYENV_ROOT": directory.file("no-pyenv"), "KILN_CACHE_DIR": cache,
            ]
            for (key, value) in environment { variables[key] = value }
            return try KilnBinary.run(arguments, environment: variables, workingDirectory: directory.path)
        }
    }

    @Test(.enabled(if: available, "needs pyenv Pythons 3.11 and 3.12"))
    func findPrintsThePath() throws {
        let setup = try Setup()
        let byVersion = try setup.run(["python", "find", "3.11"])
        #expect(byVersion.status == 0, "\(byVersion.stderr)")
        #expect(byVersion.stdout == setup.bin + "/python3.11\n")

        let byDefault = try setup.run(["python", "find"])
        #expect(byDefault.stdout == setup.bin + "/python3\n")

        let bySpecifier = try setup.run(["python", "find", ">=3.12"])
        #expect(bySpecifier.stdout == setup.bin + "/python3\n")
    }

    @Test(.enabled(if: available, "needs pyenv Pythons 3.11 and 3.12"))
    func findWithoutAMatchFailsWithOneLine() throws {
        let setup = try Setup()
        let result = try setup.run(["python", "find", "3.99"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("error: no Python interpreter matches '3.99': found cpython 3.12"))
    }

    @Test(.enabled(if: available, "needs pyenv Pythons 3.11 and 3.12"))
    func listShowsEachInterpreter() throws {
        let setup = try Setup()
        let result = try setup.run(["python", "list"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(result.stdout)")
        #expect(lines.first?.hasPrefix("cpython-3.12.") == true)
        #expect(lines.first?.hasSuffix("  " + setup.bin + "/python3") == true)
        #expect(lines.last?.hasPrefix("cpython-3.11.") == true)
        #expect(lines.last?.hasSuffix("  " + setup.bin + "/python3.11") == true)
    }

    @Test(.enabled(if: available, "needs pyenv Pythons 3.11 and 3.12"))
    func tagsPrintsOneTagPerLineBestFirst() throws {
        let setup = try Setup()
        let result = try setup.run(["python", "tags", "--python", setup.python312])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "cp312-cp312-linux_x86_64")
        #expect(lines.contains("cp312-abi3-manylinux2014_x86_64"))
        #expect(lines.last == "py30-none-any")
        #expect(Set(lines).count == lines.count)

        // The second run answers from the probe cache and must say the same.
        let cached = try setup.run(["python", "tags", "--python", "3.12"])
        #expect(cached.stdout == result.stdout)
    }

    @Test func aBadRequestIsAUsageError() throws {
        let setup = try Setup()
        let result = try setup.run(["python", "tags", "--python", "snake"])
        // A usage error, not a failure (1): DESIGN.md says 2; ArgumentParser exits 64 unless the
        // entry point maps it (see CacheCommandTests).
        #expect(result.status != 0 && result.status != 1)
        #expect(result.stderr.contains("'snake' is not a path, a version (3.12), a specifier (>=3.10) or a name (python3.12)"))
    }

    @Test func aHangingInterpreterFailsWithinTheTimeout() throws {
        let setup = try Setup()
        let fake = setup.directory.file("python")
        try ExecutableScript.write("exec /bin/sleep 60", to: fake)
        let result = try setup.run(["python", "find", fake], environment: ["KILN_PROBE_TIMEOUT": "0.5"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: the Python interpreter \(fake) did not answer within 0.5 s and was stopped; "
            + "check that it runs, or raise KILN_PROBE_TIMEOUT\n")
    }

    @Test func aBrokenInterpreterFailsWithOneLine() throws {
        let setup = try Setup()
        let fake = setup.directory.file("python")
        try ExecutableScript.write("echo garbage", to: fake)
        let result = try setup.run(["python", "tags", "--python", fake])
        #expect(result.status == 1)
        #expect(result.stderr == "error: \(fake) does not behave like a Python interpreter: it printed 'garbage' instead of kiln's probe report\n")
    }
}
