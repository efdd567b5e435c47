import PackagingModel
import Testing
@testable import Python

@Suite struct PythonRequestTests {
    @Test(arguments: ["/usr/bin/python3", "./.venv", ".venv", "~/envs/x", "venvs/app", "../python"])
    func paths(_ text: String) throws {
        #expect(try PythonRequest(parsing: text) == .path(text))
    }

    @Test func versions() throws {
        #expect(try PythonRequest(parsing: "3.12") == .version(try #require(VersionPrefix(parsing: "3.12"))))
        let full = try #require(VersionPrefix(parsing: "3.12.1"))
        #expect(full.major == 3 && full.minor == 12 && full.micro == 1)
        #expect(try PythonRequest(parsing: "3") == .version(try #require(VersionPrefix(parsing: "3"))))
    }

    @Test func specifiers() throws {
        #expect(try PythonRequest(parsing: ">=3.10") == .specifier(try SpecifierSet(">=3.10")))
        #expect(try PythonRequest(parsing: ">=3.9,<3.12") == .specifier(try SpecifierSet(">=3.9,<3.12")))
        #expect(try PythonRequest(parsing: "==3.11.*") == .specifier(try SpecifierSet("==3.11.*")))
    }

    @Test func names() throws {
        #expect(try PythonRequest(parsing: "python3.12") == .name(implementation: nil, version: VersionPrefix(parsing: "3.12")))
        #expect(try PythonRequest(parsing: "cpython3.12") == .name(implementation: "cpython", version: VersionPrefix(parsing: "3.12")))
        #expect(try PythonRequest(parsing: "python") == .name(implementation: nil, version: nil))
        #expect(try PythonRequest(parsing: "pypy3.10") == .name(implementation: "pypy", version: VersionPrefix(parsing: "3.10")))
        #expect(try PythonRequest(parsing: "CPython3") == .name(implementation: "cpython", version: VersionPrefix(parsing: "3")))
    }

    @Test(arguments: ["", "   "])
    func empty(_ text: String) {
        #expect(throws: PythonRequestError.empty) { try PythonRequest(parsing: text) }
    }

    @Test(arguments: ["snake", "python3.x", "3.12.1.4", "jython3"])
    func unrecognized(_ text: String) {
        #expect(throws: PythonRequestError.unrecognized(text)) { try PythonRequest(parsing: text) }
    }

    @Test func invalidSpecifier() {
        #expect {
            try PythonRequest(parsing: ">=three")
        } throws: { error in
            guard case PythonRequestError.invalidSpecifier(">=three", _) = error else { return false }
            return true
        }
    }

    @Test func versionPrefixesMatchLeadingNumbers() throws {
        let version = PythonVersion(major: 3, minor: 12, micro: 1)
        #expect(try #require(VersionPrefix(parsing: "3")).matches(version))
        #expect(try #require(VersionPrefix(parsing: "3.12")).matches(version))
        #expect(try #require(VersionPrefix(parsing: "3.12.1")).matches(version))
        #expect(!(try #require(VersionPrefix(parsing: "3.1")).matches(version)))
        #expect(!(try #require(VersionPrefix(parsing: "3.12.2")).matches(version)))
    }

    @Test func pythonVersionsPrintLikePython() {
        #expect(PythonVersion(major: 3, minor: 13, micro: 0, releaseLevel: "candidate", serial: 2).description == "3.13.0rc2")
        #expect(PythonVersion(major: 3, minor: 12, micro: 1).description == "3.12.1")
        #expect(PythonVersion(major: 3, minor: 13, micro: 0, releaseLevel: "beta", serial: 1) < PythonVersion(major: 3, minor: 13, micro: 0))
    }
}
