import Foundation
import Testing
import TestSupport

/// `kiln lock` and `kiln sync` against the public index (KILN_NETWORK_TESTS=1), compared with
/// uv: per Python minor, the versions each lock gives, read by evaluating every entry's marker
/// with packaging's own evaluator.
@Suite(.enabled(if: NetworkTests.enabled, "network tests run only with KILN_NETWORK_TESTS=1"))
struct NetworkLockTests {
    static let cutoff = NetworkResolutionTests.cutoff
    static let minors = Array(8...14)

    struct Project: Sendable, CustomTestStringConvertible {
        let name: String
        let requiresPython: String
        let dependencies: [String]
        var extra: String = ""
        var testDescription: String { name }

        var pyproject: String {
            """
            [project]
            name = "\(name)"
            version = "0.1.0"
            requires-python = "\(requiresPython)"
            dependencies = [\(dependencies.map { "\"\($0)\"" }.joined(separator: ", "))]
            \(extra)
            """
        }
    }

    static let numpy = Project(name: "np-project", requiresPython: ">=3.8", dependencies: ["numpy"])
    static let projects = [
        numpy,
        Project(name: "scipy-project", requiresPython: ">=3.9", dependencies: ["scipy>=1.13.1"]),
        Project(name: "extras-project", requiresPython: ">=3.8", dependencies: ["requests"], extra: """
            [project.optional-dependencies]
            socks = ["pysocks"]
            http2 = ["httpx[http2]"]

            [dependency-groups]
            dev = ["pytest", {include-group = "lint"}]
            lint = ["tomli; python_version < '3.11'"]
            """),
    ]

    /// A venv with packaging (for its marker evaluator) and uv, made once.
    static let tools: String? = {
        guard let python = PyenvInterpreters.path(for: "3.12") else { return nil }
        let venv = NSTemporaryDirectory() + "kiln-lock-network-tools"
        if !FileManager.default.isExecutableFile(atPath: venv + "/bin/uv") {
            _ = try? ProcessHelper.run(python, ["-m", "venv", venv])
            _ = try? ProcessHelper.run(venv + "/bin/python", ["-m", "pip", "install", "-q", "uv", "packaging>=25"])
        }
        return FileManager.default.isExecutableFile(atPath: venv + "/bin/uv") ? venv : nil
    }()

    /// Prints, per minor, the sorted `name==version` entries of a pylock.toml whose markers hold
    /// there (Linux x86_64, every extra and group selected); parsing the file with tomllib.
    static let picksScript = #"""
        import sys, tomllib
        from packaging.markers import Marker, default_environment
        lock = tomllib.load(open(sys.argv[1], "rb"))
        extras = set(lock.get("extras", [])); groups = set(lock.get("dependency-groups", []))
        for minor in sys.argv[2].split(","):
            env = default_environment()
            env.update(python_version="3." + minor, python_full_version="3.%s.0" % minor, implementation_version="3.%s.0" % minor,
                       sys_platform="linux", platform_machine="x86_64", platform_system="Linux", os_name="posix",
                       implementation_name="cpython", platform_python_implementation="CPython",
                       extras=extras, dependency_groups=groups)
            picks = sorted("%s==%s" % (p["name"].lower().replace("_", "-"), p["version"]) for p in lock["packages"]
                           if "version" in p and ("marker" not in p or Marker(p["marker"]).evaluate(env, "lock_file")))
            print("3.%s: %s" % (minor, " ".join(picks)))
        """#

    static func picks(_ lock: String, minors: [Int]) throws -> [String] {
        let tools = try #require(Self.tools)
        let result = try ProcessHelper.run(tools + "/bin/python", ["-c", picksScript, lock, minors.map(String.init).joined(separator: ",")])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    func write(_ project: Project, in directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try project.pyproject.write(toFile: directory + "/pyproject.toml", atomically: false, encoding: .utf8)
    }

    func kilnLock(_ directory: String, cache: String, _ extra: [String] = []) throws -> KilnBinary.Result {
        let result = try NetworkResolutionTests.retrying {
            try KilnBinary.run(["lock", directory, "--exclude-newer", Self.cutoff, "--cache-dir", cache, "--python-max", "3.14"] + extra)
        }
        try NetworkResolutionTests.cancelIfUnreachable(result)
        #expect(result.status == 0, "\(result.stderr)")
        return result
    }

    /// uv's lock of the same project, exported as pylock.toml with every extra and group.
    func uvLock(_ directory: String, strategy: String, cache: String) throws -> String {
        let tools = try #require(Self.tools)
        let locked = try ProcessHelper.run(tools + "/bin/uv", ["lock", "--exclude-newer", Self.cutoff, "--fork-strategy", strategy, "--cache-dir", cache],
                                           workingDirectory: directory)
        #expect(locked.status == 0, "\(locked.stderr)")
        let exported = try ProcessHelper.run(tools + "/bin/uv", ["export", "--frozen", "--format", "pylock.toml", "--all-extras", "--all-groups", "--no-emit-project",
                                                                 "-o", "pylock.uv.toml", "--cache-dir", cache], workingDirectory: directory)
        #expect(exported.status == 0, "\(exported.stderr)")
        return directory + "/pylock.uv.toml"
    }

    @Test(arguments: projects, ["requires-python", "fewest"])
    func eachMinorGetsWhatUvGives(project: Project, strategy: String) throws {
        guard Self.tools != nil else { try Test.cancel("no Python 3.12 to install uv and packaging with") }
        let work = try TemporaryDirectory("kiln-network-lock")
        let kilnDirectory = work.file("kiln"), uvDirectory = work.file("uv")
        try write(project, in: kilnDirectory)
        try write(project, in: uvDirectory)
        _ = try kilnLock(kilnDirectory, cache: work.file("kiln-cache"), ["--fork-strategy", strategy])
        let uv = try uvLock(uvDirectory, strategy: strategy, cache: work.file("uv-cache"))
        let minors = Self.minors.filter { project.requiresPython == ">=3.8" || $0 >= 9 }
        let kilnPicks = try Self.picks(kilnDirectory + "/pylock.toml", minors: minors)
        let uvPicks = try Self.picks(uv, minors: minors)
        #expect(kilnPicks == uvPicks)
        if project.name == "np-project" && strategy == "requires-python" {
            #expect(kilnPicks == ["3.8: numpy==1.24.4", "3.9: numpy==2.0.2", "3.10: numpy==2.2.6", "3.11: numpy==2.4.6",
                                  "3.12: numpy==2.4.6", "3.13: numpy==2.4.6", "3.14: numpy==2.4.6"])
        }
        // A second lock writes the same bytes.
        let before = try String(contentsOfFile: kilnDirectory + "/pylock.toml", encoding: .utf8)
        _ = try kilnLock(kilnDirectory, cache: work.file("kiln-cache"), ["--fork-strategy", strategy])
        #expect(try String(contentsOfFile: kilnDirectory + "/pylock.toml", encoding: .utf8) == before)
    }

    @Test func aWindowsLockListsWindowsWheels() throws {
        let work = try TemporaryDirectory("kiln-network-lock")
        try write(Self.numpy, in: work.file("p"))
        _ = try kilnLock(work.file("p"), cache: work.file("cache"), ["--platform", "windows-x86_64"])
        let text = try String(contentsOfFile: work.file("p/pylock.toml"), encoding: .utf8)
        #expect(text.contains("environments = ['sys_platform == \"win32\" and platform_machine == \"AMD64\"']"))
        #expect(text.contains("numpy-2.4.6-cp313-cp313-win_amd64.whl"))
        #expect(text.contains("numpy-1.24.4-cp38-cp38-win_amd64.whl"))
        #expect(!text.contains("manylinux"))
    }

    @Test func syncInstallsTheLockedNumpyOnEveryPython() throws {
        let work = try TemporaryDirectory("kiln-network-sync")
        try write(Self.numpy, in: work.file("p"))
        let cache = work.file("cache")
        _ = try kilnLock(work.file("p"), cache: cache)
        let expected = ["3.8": "1.24.4", "3.9": "2.0.2", "3.10": "2.2.6", "3.11": "2.4.6", "3.12": "2.4.6", "3.13": "2.4.6"]
        for (minor, version) in expected.sorted(by: { $0.key < $1.key }) {
            guard let python = PyenvInterpreters.path(for: minor) else { continue }
            let venv = work.file("venv" + minor)
            #expect(try KilnBinary.run(["venv", venv, "--python", python, "--cache-dir", cache]).status == 0)
            let synced = try NetworkResolutionTests.retrying {
                try KilnBinary.run(["sync", work.file("p/pylock.toml"), "--python", venv + "/bin/python", "--cache-dir", cache])
            }
            #expect(synced.status == 0, "\(minor): \(synced.stderr)")
            #expect(synced.stdout == "Installed numpy==\(version)\n", "\(minor)")
            let imported = try ProcessHelper.run(venv + "/bin/python", ["-c", "import numpy; print(numpy.__version__)"])
            #expect(imported.stdout == version + "\n", "\(minor): \(imported.stderr)")
            let again = try KilnBinary.run(["sync", work.file("p/pylock.toml"), "--python", venv + "/bin/python", "--cache-dir", cache])
            #expect(again.status == 0 && again.stdout.isEmpty && again.stderr.contains("Nothing to do"), "\(minor): \(again.stderr)")
        }
    }

    @Test func syncOfUvsLockInstallsWhatKilnsLockInstalls() throws {
        guard let python = PyenvInterpreters.path(for: "3.12") else { try Test.cancel("no Python 3.12") }
        let work = try TemporaryDirectory("kiln-network-sync")
        let project = Self.projects[2]
        try write(project, in: work.file("kiln"))
        try write(project, in: work.file("uv"))
        let cache = work.file("cache")
        _ = try kilnLock(work.file("kiln"), cache: cache)
        let uv = try uvLock(work.file("uv"), strategy: "requires-python", cache: work.file("uv-cache"))
        var listings: [String] = []
        for (name, lock, extra) in [("kiln", work.file("kiln/pylock.toml"), ["--extra", "socks", "--extra", "http2", "--group", "dev", "--group", "lint"]),
                                    ("uv", uv, [])] {
            let venv = work.file("venv-" + name)
            #expect(try KilnBinary.run(["venv", venv, "--python", python, "--cache-dir", cache]).status == 0)
            let synced = try NetworkResolutionTests.retrying {
                try KilnBinary.run(["sync", lock, "--python", venv + "/bin/python", "--cache-dir", cache] + extra)
            }
            #expect(synced.status == 0, "\(name): \(synced.stderr)")
            listings.append(try KilnBinary.run(["list", "--python", venv + "/bin/python", "--cache-dir", cache]).stdout)
        }
        #expect(listings.count == 2 && listings[0] == listings[1])
        #expect(listings.first?.contains("pytest") == true)
    }
}
