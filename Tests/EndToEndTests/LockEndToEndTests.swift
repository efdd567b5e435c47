import Foundation
import Testing
import TestSupport

/// A served directory of wheels whose pages carry `data-requires-python`, for `kiln lock`.
struct LoopbackLockIndex {
    let directory: TemporaryDirectory
    let server: LoopbackIndexServer
    let paths: [String: String]

    /// `sdists` are listed under their fixture's name, beside the wheels.
    init(_ wheels: [(builder: WheelBuilder, requiresPython: String?)], sdists: [SdistFixture] = []) throws {
        directory = try TemporaryDirectory("kiln-e2e-lock-index")
        let files = directory.file("files")
        try FileManager.default.createDirectory(atPath: files, withIntermediateDirectories: true)
        var built: [(project: String, path: String, requiresPython: String?)] = []
        for (wheel, requiresPython) in wheels { built.append((wheel.name, try wheel.build(in: files), requiresPython)) }
        for sdist in sdists { built.append((sdist.name, try sdist.writeSdist(in: files), nil)) }
        var links: [String: [String]] = [:]
        var paths: [String: String] = [:]
        for (project, path, requiresPython) in built {
            let filename = (path as NSString).lastPathComponent
            paths[filename] = path
            let digest = try ProcessHelper.run("/usr/bin/sha256sum", [path]).stdout.prefix(64)
            let bound = requiresPython.map { " data-requires-python=\"\($0.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;"))\"" } ?? ""
            links[project, default: []].append(
                "<a href=\"../../files/\(filename)#sha256=\(digest)\" data-upload-time=\"2024-01-01T00:00:00Z\"\(bound)>\(filename)</a>")
        }
        for (project, anchors) in links {
            let folder = directory.file("simple/\(project)")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try ("<html><body>\n" + anchors.joined(separator: "\n") + "\n</body></html>\n")
                .write(toFile: folder + "/index.html", atomically: false, encoding: .utf8)
        }
        self.paths = paths
        server = try LoopbackIndexServer(root: directory.path)
    }

    var indexURL: String { server.url("/simple/") }

    static func module(_ name: String, _ version: String, requires: [String] = []) -> WheelBuilder {
        var builder = WheelBuilder(name: name, version: version)
        builder.files = [WheelBuilder.Member("\(name).py", "__version__ = '\(version)'\n")]
        builder.requiresDist = requires
        return builder
    }

    /// alpha 1.0 (>=3.8), 2.0 (>=3.10), 3.0 (>=3.12, needs gamma); gamma 1.0; extra-only delta 1.0.
    static func standard() throws -> LoopbackLockIndex {
        try LoopbackLockIndex([
            (module("alpha", "1.0"), ">=3.8"),
            (module("alpha", "2.0"), ">=3.10"),
            (module("alpha", "3.0", requires: ["gamma"]), ">=3.12"),
            (module("gamma", "1.0"), nil),
            (module("delta", "1.0"), nil),
        ])
    }
}

@Suite struct LockEndToEndTests {
    static let pyproject = """
        [project]
        name = "sample"
        version = "0.1"
        requires-python = ">=3.8"
        dependencies = ["alpha"]

        [project.optional-dependencies]
        more = ["delta"]
        """

    func project() throws -> TemporaryDirectory {
        let work = try TemporaryDirectory("kiln-e2e-lock")
        try Self.pyproject.write(toFile: work.file("pyproject.toml"), atomically: false, encoding: .utf8)
        return work
    }

    func lock(_ work: TemporaryDirectory, _ index: LoopbackLockIndex, _ extra: [String] = []) throws -> KilnBinary.Result {
        let result = try KilnBinary.run(["lock", work.path, "--index-url", index.indexURL, "--cache-dir", work.file("cache"),
                                         "--python-max", "3.13", "--platform", "linux-x86_64"] + extra)
        #expect(result.signal == nil, "kiln was killed by signal \(result.signal ?? 0)")
        return result
    }

    @Test func locksEveryPythonAndWritesTheSameBytesTwice() throws {
        let index = try LoopbackLockIndex.standard()
        let work = try project()
        let first = try lock(work, index)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == work.file("pylock.toml") + "\n")
        let text = try String(contentsOfFile: work.file("pylock.toml"), encoding: .utf8)
        #expect(text.hasPrefix("lock-version = \"1.0\"\nenvironments = ['sys_platform == \"linux\" and platform_machine == \"x86_64\"']\n"
                               + "requires-python = \">=3.8\"\nextras = [\"more\"]\ncreated-by = \"kiln\"\n"))
        #expect(text.contains("marker = 'python_version < \"3.10\"'"))
        #expect(text.contains("marker = 'python_version >= \"3.10\" and python_version < \"3.12\"'"))
        #expect(text.contains("marker = 'python_version >= \"3.12\"'"))
        #expect(text.contains("marker = '\"more\" in extras'"))

        let second = try lock(work, index)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("is up to date"))
        #expect(try String(contentsOfFile: work.file("pylock.toml"), encoding: .utf8) == text)

        // Python's own TOML reader accepts it.
        if let python = PyenvInterpreters.path(for: "3.12") {
            let parsed = try ProcessHelper.run(python, ["-c", "import sys, tomllib; d = tomllib.load(open(sys.argv[1], 'rb')); print(len(d['packages']))", work.file("pylock.toml")])
            #expect(parsed.stdout == "5\n", "\(parsed.stderr)")
        }
    }

    @Test func checkSaysWhetherTheLockIsCurrentAndWritesNothing() throws {
        let index = try LoopbackLockIndex.standard()
        let work = try project()
        let missing = try lock(work, index, ["--check"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("does not exist"))
        #expect(!FileManager.default.fileExists(atPath: work.file("pylock.toml")))

        #expect(try lock(work, index).status == 0)
        #expect(try lock(work, index, ["--check"]).status == 0)

        let changed = Self.pyproject.replacingOccurrences(of: "dependencies = [\"alpha\"]", with: "dependencies = [\"alpha\", \"gamma\"]")
        try changed.write(toFile: work.file("pyproject.toml"), atomically: false, encoding: .utf8)
        let before = try String(contentsOfFile: work.file("pylock.toml"), encoding: .utf8)
        let stale = try lock(work, index, ["--check"])
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("is out of date"))
        #expect(try String(contentsOfFile: work.file("pylock.toml"), encoding: .utf8) == before)
    }

    @Test func fewestAndRelockKeepPins() throws {
        let index = try LoopbackLockIndex.standard()
        let work = try project()
        #expect(try lock(work, index, ["--fork-strategy", "fewest"]).status == 0)
        let fewest = try String(contentsOfFile: work.file("pylock.toml"), encoding: .utf8)
        #expect(fewest.components(separatedBy: "name = \"alpha\"").count == 2, "one alpha entry:\n\(fewest)")
        // The default strategy on top of that lock keeps alpha 1.0 (its pin still resolves).
        #expect(try lock(work, index).status == 0)
        #expect(try String(contentsOfFile: work.file("pylock.toml"), encoding: .utf8) == fewest)
        // Until it may change.
        #expect(try lock(work, index, ["--upgrade-package", "alpha"]).status == 0)
        let upgraded = try String(contentsOfFile: work.file("pylock.toml"), encoding: .utf8)
        #expect(upgraded.components(separatedBy: "name = \"alpha\"").count == 4)
    }

    @Test func badOptionsAreUsageErrors() throws {
        let work = try project()
        let platform = try KilnBinary.run(["lock", work.path, "--platform", "plan9-mips"])
        #expect(platform.status == 2)
        #expect(platform.stderr.contains("--platform must be one of linux-x86_64"))
        let noRequiresPython = try TemporaryDirectory("kiln-e2e-lock")
        try "[project]\nname = \"x\"\nversion = \"1\"\n".write(toFile: noRequiresPython.file("pyproject.toml"), atomically: false, encoding: .utf8)
        let refused = try KilnBinary.run(["lock", noRequiresPython.path, "--no-index"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("has no requires-python"))
    }
}

@Suite(.enabled(if: PyenvInterpreters.isAvailable("3.12") && PyenvInterpreters.isAvailable("3.8"), "needs CPython 3.8 and 3.12 from pyenv"))
struct SyncEndToEndTests {
    func lockedProject(_ index: LoopbackLockIndex) throws -> TemporaryDirectory {
        let work = try TemporaryDirectory("kiln-e2e-sync")
        try LockEndToEndTests.pyproject.write(toFile: work.file("pyproject.toml"), atomically: false, encoding: .utf8)
        let locked = try KilnBinary.run(["lock", work.path, "--index-url", index.indexURL, "--cache-dir", work.file("cache"),
                                         "--python-max", "3.13", "--platform", "linux-x86_64"])
        #expect(locked.status == 0, "\(locked.stderr)")
        return work
    }

    func venv(_ work: TemporaryDirectory, _ minor: String) throws -> String {
        let python = try #require(PyenvInterpreters.path(for: minor))
        let made = try KilnBinary.run(["venv", work.file("venv\(minor)"), "--python", python, "--cache-dir", work.file("cache")])
        #expect(made.status == 0, "\(made.stderr)")
        return work.file("venv\(minor)/bin/python")
    }

    func sync(_ work: TemporaryDirectory, _ python: String, _ extra: [String] = []) throws -> KilnBinary.Result {
        let result = try KilnBinary.run(["sync", work.file("pylock.toml"), "--python", python, "--cache-dir", work.file("cache")] + extra)
        #expect(result.signal == nil, "kiln was killed by signal \(result.signal ?? 0)")
        return result
    }

    func importedVersions(_ python: String, _ modules: [String]) throws -> String {
        let script = modules.map { "print(__import__('\($0)').__version__)" }.joined(separator: "; ")
        return try ProcessHelper.run(python, ["-c", script]).stdout
    }

    @Test func eachPythonGetsItsEntriesAndASecondSyncDoesNothing() throws {
        let index = try LoopbackLockIndex.standard()
        let work = try lockedProject(index)
        let python38 = try venv(work, "3.8")
        let first = try sync(work, python38)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "Installed alpha==1.0\n")
        #expect(try importedVersions(python38, ["alpha"]) == "1.0\n")
        let second = try sync(work, python38)
        #expect(second.status == 0)
        #expect(second.stdout.isEmpty)
        #expect(second.stderr.contains("Nothing to do: the environment matches the lock"))

        let python312 = try venv(work, "3.12")
        let newer = try sync(work, python312, ["--extra", "more"])
        #expect(newer.status == 0, "\(newer.stderr)")
        #expect(newer.stdout == "Installed alpha==3.0\nInstalled delta==1.0\nInstalled gamma==1.0\n")
        #expect(try importedVersions(python312, ["alpha", "gamma", "delta"]) == "3.0\n1.0\n1.0\n")
        // Without the extra, delta goes; --inexact would keep it.
        let inexact = try sync(work, python312, ["--inexact", "--dry-run"])
        #expect(inexact.stderr.contains("Nothing to do"))
        let exact = try sync(work, python312)
        #expect(exact.stdout == "Removed delta==1.0\n", "\(exact.stderr)")
    }

    @Test func aChangedFileIsRefusedAndNothingIsInstalled() throws {
        let index = try LoopbackLockIndex.standard()
        let work = try lockedProject(index)
        let python312 = try venv(work, "3.12")
        // Replace gamma's wheel on the server after locking: its hash no longer matches.
        let gamma = try #require(index.paths["gamma-1.0-py3-none-any.whl"])
        var replacement = LoopbackLockIndex.module("gamma", "1.0")
        replacement.files.append(WheelBuilder.Member("extra.py", "changed = True\n"))
        let scratch = try TemporaryDirectory("kiln-e2e-sync-scratch")
        let rebuilt = try replacement.build(in: scratch.path)
        try FileManager.default.removeItem(atPath: gamma)
        try FileManager.default.copyItem(atPath: rebuilt, toPath: gamma)
        let result = try sync(work, python312)
        #expect(result.status == 1)
        #expect(result.stderr.contains("gamma-1.0-py3-none-any.whl (gamma) has SHA-256"), "\(result.stderr)")
        let listed = try KilnBinary.run(["list", "--python", python312, "--cache-dir", work.file("cache")])
        #expect(!listed.stdout.contains("alpha"), "nothing may be installed: \(listed.stdout)")
    }

    /// omega 1.0 has a Windows wheel and an sdist: the Linux lock takes its dependencies from
    /// the Windows wheel's metadata and records the sdist alone, which sync builds.
    @Test func anEntryWithOnlyAnSdistIsBuilt() throws {
        var windows = LoopbackLockIndex.module("omega", "1.0", requires: ["gamma"])
        windows.tag = "py3-none-win_amd64"
        let index = try LoopbackLockIndex([(windows, nil), (LoopbackLockIndex.module("gamma", "1.0"), nil)],
                                          sdists: [SdistFixture(name: "omega", version: "1.0")])
        let work = try TemporaryDirectory("kiln-e2e-sync")
        let pyproject = "[project]\nname = \"s\"\nversion = \"1\"\nrequires-python = \">=3.12\"\ndependencies = [\"omega\"]\n"
        try pyproject.write(toFile: work.file("pyproject.toml"), atomically: false, encoding: .utf8)
        let locked = try KilnBinary.run(["lock", work.path, "--index-url", index.indexURL, "--cache-dir", work.file("cache"),
                                         "--python-max", "3.13", "--platform", "linux-x86_64"])
        #expect(locked.status == 0, "\(locked.stderr)")
        let text = try String(contentsOfFile: work.file("pylock.toml"), encoding: .utf8)
        #expect(text.contains("sdist = { name = \"omega-1.0.tar.gz\""))
        #expect(!text.contains("win_amd64"))
        #expect(text.contains("dependencies = [{ name = \"gamma\" }]"))
        let python312 = try venv(work, "3.12")
        let synced = try sync(work, python312)
        #expect(synced.status == 0, "\(synced.stderr)")
        #expect(synced.stdout == "Installed gamma==1.0\nInstalled omega==1.0\n")
        let imported = try ProcessHelper.run(python312, ["-c", "import omega; print(omega.VERSION)"])
        #expect(imported.stdout == "1.0\n", "\(imported.stderr)")
    }

    @Test func aLockForAnotherPlatformIsRefused() throws {
        let index = try LoopbackLockIndex.standard()
        let work = try TemporaryDirectory("kiln-e2e-sync")
        try LockEndToEndTests.pyproject.write(toFile: work.file("pyproject.toml"), atomically: false, encoding: .utf8)
        let locked = try KilnBinary.run(["lock", work.path, "--index-url", index.indexURL, "--cache-dir", work.file("cache"),
                                         "--python-max", "3.13", "--platform", "windows-x86_64"])
        #expect(locked.status == 0, "\(locked.stderr)")
        let python312 = try venv(work, "3.12")
        let result = try sync(work, python312)
        #expect(result.status == 1)
        #expect(result.stderr.contains("matches none of the lock's environments"))
    }
}
