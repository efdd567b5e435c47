import Foundation
import Testing
import TestSupport
@testable import Python

/// Discovery over a made-up machine: a PATH directory, a pyenv root, a $VIRTUAL_ENV and a
/// project `.venv`, all linking to the real pyenv interpreters.
@Suite struct InterpreterDiscoveryTests {
    static let needed = ["3.9", "3.10", "3.11", "3.12"]
    static let available = needed.allSatisfy(PyenvInterpreters.isAvailable)

    final class Machine: Sendable {
        let directory: TemporaryDirectory
        var bin: String { directory.file("bin") }
        var pyenvRoot: String { directory.file("pyenv") }
        var activeEnvironment: String { directory.file("active-env") }
        var project: String { directory.file("project") }

        init() throws {
            directory = try TemporaryDirectory("kiln-discovery")
            let files = FileManager.default
            func python(_ minor: String) throws -> String { try #require(PyenvInterpreters.path(for: minor)) }
            try files.createDirectory(atPath: bin, withIntermediateDirectories: true)
            try files.createSymbolicLink(atPath: bin + "/python3", withDestinationPath: python("3.12"))
            try files.createSymbolicLink(atPath: bin + "/python3.12", withDestinationPath: python("3.12"))
            try files.createSymbolicLink(atPath: bin + "/python3.11", withDestinationPath: python("3.11"))
            // A broken `python` on PATH is skipped, not fatal.
            try ExecutableScript.write("exit 1", to: bin + "/python")

            let pyenvBin = pyenvRoot + "/versions/3.9.99/bin"
            try files.createDirectory(atPath: pyenvBin, withIntermediateDirectories: true)
            try files.createSymbolicLink(atPath: pyenvBin + "/python3.9", withDestinationPath: python("3.9"))

            for environment in [activeEnvironment, project + "/.venv"] {
                try files.createDirectory(atPath: environment + "/bin", withIntermediateDirectories: true)
                try "home = /nowhere\n".write(toFile: environment + "/pyvenv.cfg", atomically: false, encoding: .utf8)
            }
            try files.createSymbolicLink(atPath: activeEnvironment + "/bin/python", withDestinationPath: python("3.10"))
            try files.createSymbolicLink(atPath: project + "/.venv/bin/python", withDestinationPath: python("3.11"))
            try files.createDirectory(atPath: project + "/src/deep", withIntermediateDirectories: true)
        }

        func discovery(virtualEnv: Bool = false, cwd: String? = nil) -> InterpreterDiscovery {
            var variables = ["PATH": bin + ":/nonexistent", "PYENV_ROOT": pyenvRoot, "HOME": directory.path]
            if virtualEnv { variables["VIRTUAL_ENV"] = activeEnvironment }
            let context = DiscoveryContext(variables: variables, currentDirectory: cwd ?? directory.path)
            return InterpreterDiscovery(inspector: InterpreterInspector(cacheDirectory: nil), context: context)
        }
    }

    @Test(.enabled(if: available, "needs pyenv Pythons 3.9–3.12"))
    func defaultPrefersTheActiveEnvironment() async throws {
        let machine = try Machine()
        let found = try await machine.discovery(virtualEnv: true, cwd: machine.project).find(nil)
        #expect(found.path == machine.activeEnvironment + "/bin/python")
        #expect(found.version.minorVersion == "3.10")
    }

    @Test(.enabled(if: available, "needs pyenv Pythons 3.9–3.12"))
    func defaultThenTheProjectEnvironmentAbove() async throws {
        let machine = try Machine()
        let found = try await machine.discovery(cwd: machine.project + "/src/deep").find(nil)
        #expect(found.path == machine.project + "/.venv/bin/python")
        #expect(found.version.minorVersion == "3.11")
    }

    @Test(.enabled(if: available, "needs pyenv Pythons 3.9–3.12"))
    func defaultThenPython3OnPath() async throws {
        let machine = try Machine()
        let found = try await machine.discovery().find(nil)
        #expect(found.path == machine.bin + "/python3")
        #expect(found.version.minorVersion == "3.12")
    }

    @Test func noDefaultAnywhere() async throws {
        let directory = try TemporaryDirectory()
        let context = DiscoveryContext(variables: ["PATH": directory.path], currentDirectory: directory.path)
        let discovery = InterpreterDiscovery(inspector: InterpreterInspector(cacheDirectory: nil), context: context)
        await #expect(throws: DiscoveryError.noDefault(searched: ["$VIRTUAL_ENV", "./.venv", "python3 on PATH"])) {
            try await discovery.find(nil)
        }
    }

    @Test(.enabled(if: available, "needs pyenv Pythons 3.9–3.12"))
    func requestsSearchEverywhereInOrder() async throws {
        let machine = try Machine()
        let discovery = machine.discovery(virtualEnv: true)
        #expect(try await discovery.find(PythonRequest(parsing: "3.10")).path == machine.activeEnvironment + "/bin/python")
        #expect(try await discovery.find(PythonRequest(parsing: "3.11")).path == machine.bin + "/python3.11")
        #expect(try await discovery.find(PythonRequest(parsing: "python3.12")).path == machine.bin + "/python3")
        #expect(try await discovery.find(PythonRequest(parsing: ">=3.11")).path == machine.bin + "/python3")
        #expect(try await discovery.find(PythonRequest(parsing: "<3.10")).path == machine.pyenvRoot + "/versions/3.9.99/bin/python3.9")
        #expect(try await discovery.find(PythonRequest(parsing: "cpython3.9")).version.minorVersion == "3.9")
    }

    @Test(.enabled(if: available, "needs pyenv Pythons 3.9–3.12"))
    func noMatchListsWhatWasFound() async throws {
        let machine = try Machine()
        await #expect {
            try await machine.discovery().find(PythonRequest(parsing: "3.99"))
        } throws: { error in
            guard case DiscoveryError.noMatch(let request, let found, let skipped) = error else { return false }
            let message = "\(error)"
            // Only names that could be 3.99 are run: python3 (3.12) and the broken `python`.
            return request == "3.99" && skipped == 1 && found.map(\.version.minorVersion) == ["3.12"]
                && message.contains("no Python interpreter matches '3.99'")
        }
        await #expect {
            try await machine.discovery().find(PythonRequest(parsing: ">=3.99"))
        } throws: { error in
            guard case DiscoveryError.noMatch(_, let found, let skipped) = error else { return false }
            // python3 and python3.12 are one interpreter; the broken `python` is counted, not listed.
            return found.map(\.version.minorVersion) == ["3.12", "3.11", "3.9"] && skipped == 1
                && "\(error)".contains("cpython 3.11")
        }
    }

    @Test(.enabled(if: available, "needs pyenv Pythons 3.9–3.12"))
    func pathRequests() async throws {
        let machine = try Machine()
        let discovery = machine.discovery(cwd: machine.project)
        #expect(try await discovery.find(PythonRequest(parsing: ".venv")).path == machine.project + "/.venv/bin/python")
        #expect(try await discovery.find(PythonRequest(parsing: machine.activeEnvironment)).version.minorVersion == "3.10")
        await #expect(throws: DiscoveryError.interpreter(.notFound(path: machine.project + "/missing/python"))) {
            try await discovery.find(PythonRequest(parsing: "./missing/python"))
        }
        await #expect(throws: DiscoveryError.interpreter(.notAnEnvironment(path: machine.project + "/src"))) {
            try await discovery.find(PythonRequest(parsing: "./src"))
        }
    }

    @Test(.enabled(if: available, "needs pyenv Pythons 3.9–3.12"))
    func listShowsEachInterpreterOnce() async throws {
        let machine = try Machine()
        let outcomes = await machine.discovery(virtualEnv: true, cwd: machine.project).list()
        var found: [String] = []
        var failed: [String] = []
        for outcome in outcomes {
            switch outcome {
            case .found(let interpreter): found.append(interpreter.path)
            case .failed(let error): failed.append(error.path)
            }
        }
        #expect(found == [
            machine.activeEnvironment + "/bin/python",
            machine.project + "/.venv/bin/python",
            machine.bin + "/python3",
            machine.bin + "/python3.11",
            machine.pyenvRoot + "/versions/3.9.99/bin/python3.9",
        ])
        #expect(failed == [machine.bin + "/python"])
    }
}
