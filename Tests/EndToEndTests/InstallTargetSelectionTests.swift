import Foundation
import Testing
import TestSupport

/// Which environment `install`/`list`/`uninstall` act on: `--python` in any form `PythonRequest`
/// takes, else `$VIRTUAL_ENV`, else `.venv` here or in a parent directory.
@Suite(.enabled(if: PyenvInterpreters.isAvailable("3.12"), "needs pyenv's Python 3.12"))
struct InstallTargetSelectionTests {
    /// A project with `.venv` holding one distribution, so a listing shows which env was chosen.
    struct Project {
        let sandbox: InstallSandbox
        var root: String { sandbox.directory.file("project") }
        var environment: String { root + "/.venv" }

        init() throws {
            sandbox = try InstallSandbox()
            try FileManager.default.createDirectory(atPath: root + "/src/deep", withIntermediateDirectories: true)
            let created = try sandbox.kiln(["venv", environment, "--python", sandbox.python])
            try #require(created.status == 0, "\(created.stderr)")
            let wheel = try WheelBuilder(name: "in-project", version: "1.0").build(in: sandbox.wheels)
            let installed = try sandbox.kiln(["install", "--python", environment, wheel])
            try #require(installed.status == 0, "\(installed.stderr)")
        }

        func list(_ arguments: [String] = [], in directory: String? = nil, virtualEnv: String? = nil) throws -> KilnBinary.Result {
            try KilnBinary.run(
                ["list", "--format", "freeze", "--cache-dir", sandbox.cache] + arguments,
                environment: ["VIRTUAL_ENV": virtualEnv], workingDirectory: directory ?? root)
        }
    }

    @Test func projectEnvironmentIsFoundFromASubdirectory() throws {
        let project = try Project()
        let listed = try project.list(in: project.root + "/src/deep")
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout == "in-project==1.0\n")
    }

    @Test func activeEnvironmentComesBeforeTheProjectEnvironment() throws {
        let project = try Project()
        let listed = try project.list(virtualEnv: project.sandbox.venv)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout == "")
    }

    @Test func pythonRequestsOfEveryFormSelectAnEnvironment() throws {
        let project = try Project()
        // A version, a specifier and a name are matched against discovered interpreters, the
        // project's .venv (3.12) first; a directory and an interpreter path name it directly.
        for request in ["3.12", ">=3.10", "python3.12", project.environment, project.environment + "/bin/python", "./.venv"] {
            let listed = try project.list(["--python", request])
            #expect(listed.status == 0, "--python \(request): \(listed.stderr)")
            #expect(listed.stdout == "in-project==1.0\n", "--python \(request)")
        }
    }

    @Test func anInterpreterOutsideAVirtualEnvironmentIsNotATarget() throws {
        let project = try Project()
        let listed = try project.list(["--python", project.sandbox.python])
        #expect(listed.status == 1)
        #expect(listed.stderr.contains("\(project.sandbox.python) is not inside a virtual environment"), "\(listed.stderr)")
        #expect(listed.stderr.contains("--system"))
    }

    @Test func requestsThatMatchNothingOrParseAsNothingAreReported() throws {
        let project = try Project()
        let unmatched = try project.list(["--python", "3.99"])
        #expect(unmatched.status == 1)
        #expect(unmatched.stderr.contains("no Python interpreter matches '3.99'"), "\(unmatched.stderr)")
        let garbage = try project.list(["--python", "py!"])
        #expect(garbage.status == 2)
        #expect(garbage.stderr.contains("is not a path, a version"), "\(garbage.stderr)")
    }

    @Test func withoutAnyEnvironmentTheErrorSaysWhereItLooked() throws {
        let project = try Project()
        let listed = try project.list(in: project.sandbox.directory.path)
        #expect(listed.status == 1)
        #expect(listed.stderr.contains("VIRTUAL_ENV is unset and there is no .venv here or in a parent directory"), "\(listed.stderr)")
    }
}
