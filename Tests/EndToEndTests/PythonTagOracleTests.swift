import Foundation
import Testing
import TestSupport

/// The acceptance test for tags: `kiln python tags` must print exactly what packaging 26.3's
/// `sys_tags()` yields, line for line, for every pyenv Python 3.8–3.13. Needs the package index.
@Suite(.enabled(if: NetworkTests.enabled, "set KILN_NETWORK_TESTS=1 to compare with packaging 26.3 from the index"))
struct NetworkTagOracleTests {
    static let packagingRequirement = "packaging==26.3"

    /// packaging 26.3's own answer, run inside the interpreter.
    static let sysTagsScript = "from packaging.tags import sys_tags\nfor t in sys_tags(): print(t)\n"

    /// What Python 3.8 reports about itself: the inputs of packaging's tag functions.
    static let describeScript = """
        import json, struct, sys, sysconfig
        names = ["Py_DEBUG", "Py_GIL_DISABLED", "WITH_PYMALLOC", "Py_UNICODE_SIZE", "EXT_SUFFIX", "py_version_nodot"]
        print(json.dumps({"config": {n: sysconfig.get_config_var(n) for n in names},
                          "platform": sysconfig.get_platform(), "executable": sys.executable,
                          "is_32bit": struct.calcsize("P") == 4, "version": list(sys.version_info[:2]),
                          "has_total_refcount": hasattr(sys, "gettotalrefcount")}))
        """

    /// packaging 26.3 (running in a newer Python) fed with another interpreter's facts: its
    /// config variables, platform and executable (whose ELF header and loader decide the
    /// manylinux/musllinux tags). This is what `sys_tags()` would yield inside that interpreter.
    static let crossTagsScript = """
        import json, sys, sysconfig
        from packaging import tags
        info = json.loads(sys.argv[1])
        sysconfig.get_config_var = lambda name: info["config"].get(name)
        sysconfig.get_platform = lambda: info["platform"]
        sys.executable = info["executable"]
        if not info["has_total_refcount"] and hasattr(sys, "gettotalrefcount"):
            del sys.gettotalrefcount
        version = tuple(info["version"])
        abis = tags._cpython_abis(version)
        platforms = list(tags._linux_platforms(is_32bit=info["is_32bit"]))
        interpreter = "cp" + (info["config"]["py_version_nodot"] or "".join(map(str, version)))
        for t in tags.cpython_tags(version, abis, platforms): print(t)
        for t in tags.compatible_tags(version, interpreter, platforms): print(t)
        """

    @Test(arguments: ["3.9", "3.10", "3.11", "3.12", "3.13"])
    func tagsMatchPackagingSysTags(minor: String) async throws {
        guard let base = PyenvInterpreters.path(for: minor) else {
            try Test.cancel("pyenv has no Python \(minor) installed")
        }
        let directory = try TemporaryDirectory("kiln-tag-oracle")
        let venvPython = try await Self.venvWithPackaging(base, in: directory)
        let expected = try Self.run(venvPython, ["-c", Self.sysTagsScript])
        try Self.expectKilnTags(for: venvPython, equal: expected, cache: directory.file("cache"))
    }

    /// packaging 26.3 needs Python 3.9+, so 3.8's list comes from 26.3's functions run in a
    /// newer interpreter with 3.8's facts.
    @Test func tagsMatchPackagingFor38() async throws {
        guard let python38 = PyenvInterpreters.path(for: "3.8") else { try Test.cancel("pyenv has no Python 3.8 installed") }
        guard let host = ["3.12", "3.13", "3.11", "3.10", "3.9"].lazy.compactMap(PyenvInterpreters.path(for:)).first else {
            try Test.cancel("no Python 3.9+ in pyenv to run packaging 26.3")
        }
        let directory = try TemporaryDirectory("kiln-tag-oracle")
        let hostPython = try await Self.venvWithPackaging(host, in: directory)
        let facts = try Self.run(python38, ["-c", Self.describeScript]).joined()
        let expected = try Self.run(hostPython, ["-c", Self.crossTagsScript, facts])
        #expect(expected.first == "cp38-cp38-linux_x86_64")
        try Self.expectKilnTags(for: python38, equal: expected, cache: directory.file("cache"))
    }

    private static func expectKilnTags(for python: String, equal expected: [String], cache: String) throws {
        let kiln = try KilnBinary.run(["python", "tags", "--python", python, "--cache-dir", cache])
        #expect(kiln.status == 0, "\(kiln.stderr)")
        let actual = kiln.stdout.split(separator: "\n").map(String.init)
        #expect(actual.count == expected.count, "kiln printed \(actual.count) tags, packaging \(expected.count)")
        if let index = zip(actual, expected).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            Issue.record("line \(index + 1): kiln printed \(actual[index]), packaging \(expected[index])")
        }
        #expect(actual == expected)
    }

    /// A scratch venv of `base` with packaging 26.3 from the index; cancels the test (with the
    /// reason) when the index cannot be reached after a few tries.
    private static func venvWithPackaging(_ base: String, in directory: TemporaryDirectory) async throws -> String {
        let venv = directory.file("venv")
        let created = try ProcessHelper.run(base, ["-m", "venv", venv])
        try #require(created.status == 0, "python -m venv failed: \(created.stderr)")
        let python = venv + "/bin/python"
        var lastError = ""
        for attempt in 1...3 {
            let install = try ProcessHelper.run(
                python, ["-m", "pip", "install", "--disable-pip-version-check", "-q", packagingRequirement],
                environment: ["PIP_FIND_LINKS": nil])
            if install.status == 0 { return python }
            lastError = install.stderr.split(separator: "\n").last.map(String.init) ?? "exit \(install.status)"
            try await Task.sleep(for: .seconds(attempt * 2))
        }
        try Test.cancel("cannot install \(packagingRequirement) from the index: \(lastError)")
    }

    private static func run(_ executable: String, _ arguments: [String]) throws -> [String] {
        let result = try ProcessHelper.run(executable, arguments)
        try #require(result.status == 0, "\(executable) failed: \(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }
}
