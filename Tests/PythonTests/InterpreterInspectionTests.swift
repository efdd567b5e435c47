import PackagingModel
import Testing
import TestSupport
@testable import Python

/// The probe run against the real pyenv interpreters.
@Suite struct InterpreterInspectionTests {
    static let minors = ["3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]

    @Test(arguments: minors)
    func inspectsARealInterpreter(minor: String) async throws {
        try #require(PyenvInterpreters.isAvailable(minor), "pyenv has no Python \(minor) installed; skipping")
        let path = try #require(PyenvInterpreters.path(for: minor))
        let interpreter = try await InterpreterInspector(cacheDirectory: nil).inspect(path)

        #expect(interpreter.version.minorVersion == minor)
        #expect(interpreter.implementationName == "cpython")
        #expect(interpreter.path == path)
        #expect(interpreter.executable == path)
        #expect(!interpreter.isVirtualEnvironment)
        #expect(interpreter.prefix == interpreter.basePrefix)
        #expect(interpreter.markerEnvironment["python_version"] == minor)
        #expect(interpreter.markerEnvironment["python_full_version"] == interpreter.version.description)
        #expect(interpreter.markerEnvironment["sys_platform"] == "linux")
        #expect(interpreter.fullVersion == (try Version(interpreter.version.description)))
        #expect(interpreter.paths.purelib.hasSuffix("/lib/python\(minor)/site-packages"))
        #expect(interpreter.paths.scripts == interpreter.prefix + "/bin")
        #expect(interpreter.paths.stdlib == interpreter.prefix + "/lib/python\(minor)")
        #expect(interpreter.sysconfigPlatform == "linux-x86_64")
        #expect(interpreter.pointerSize == 8)
        #expect(interpreter.glibc != nil)
        #expect(interpreter.musl == nil)
        #expect(interpreter.soabi == "cpython-\(minor.replacing(".", with: ""))-x86_64-linux-gnu")

        let nodot = minor.replacing(".", with: "")
        let tags = interpreter.compatibleTags.map(\.description)
        #expect(tags.first == "cp\(nodot)-cp\(nodot)-linux_x86_64")
        #expect(tags.contains("cp\(nodot)-abi3-manylinux_2_17_x86_64"))
        #expect(tags.last == "py30-none-any")
    }

    @Test func inspectsAVirtualEnvironment() async throws {
        try #require(PyenvInterpreters.isAvailable("3.8"), "pyenv has no Python 3.8 installed; skipping")
        let base = try #require(PyenvInterpreters.path(for: "3.8"))
        let directory = try TemporaryDirectory("kiln-venv")
        let venv = directory.file("venv")
        let created = try ProcessHelper.run(base, ["-m", "venv", "--without-pip", venv])
        try #require(created.status == 0, "python -m venv failed: \(created.stderr)")

        // 3.8 sets a venv's prefix in `site`, which `-I` keeps (unlike `-S`).
        let interpreter = try await InterpreterInspector(cacheDirectory: nil).inspect(venv + "/bin/python")
        #expect(interpreter.isVirtualEnvironment)
        #expect(interpreter.prefix == venv)
        #expect(interpreter.basePrefix != venv)
        #expect(interpreter.executable == venv + "/bin/python")
        #expect(interpreter.paths.purelib == venv + "/lib/python3.8/site-packages")
    }

    @Test(arguments: ["2.7", "3.6", "3.7"])
    func refusesOldInterpreters(minor: String) async throws {
        try #require(PyenvInterpreters.isAvailable(minor), "pyenv has no Python \(minor) installed; skipping")
        let path = try #require(PyenvInterpreters.path(for: minor))
        await #expect {
            _ = try await InterpreterInspector(cacheDirectory: nil).inspect(path)
        } throws: { error in
            guard case InterpreterError.unsupportedVersion(let reported, _) = error else { return false }
            return reported == path && "\(error)".contains("3.8 or newer")
        }
    }
}
