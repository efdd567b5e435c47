import Foundation
import PackagingModel
import Testing
import TestSupport
@testable import BuildFrontend

@Suite struct ConfigSettingsTests {
    @Test func repeatedKeysBecomeListsInOrder() throws {
        let settings = try ConfigSettings(parsing: ["a=1", "b=", "a=2=3", "c"])
        #expect(settings.keys == ["a", "b", "c"])
        #expect(settings.values["a"] == .list(["1", "2=3"]))
        #expect(settings.values["b"] == .single(""))
        #expect(settings.json == .object(["a": .array([.string("1"), .string("2=3")]), "b": .string(""), "c": .string("")]))
        #expect(ConfigSettings().json == .null)
    }

    @Test func anEmptyKeyIsRefused() {
        #expect(throws: BuildInputError.invalidConfigSetting("=x")) { try ConfigSettings(parsing: ["=x"]) }
    }

    @Test func theCanonicalTextIgnoresKeyOrderButNotValueOrder() throws {
        let one = try ConfigSettings(parsing: ["a=1", "b=2"]).canonicalText
        #expect(one == (try ConfigSettings(parsing: ["b=2", "a=1"]).canonicalText))
        #expect(try ConfigSettings(parsing: ["a=1", "a=2"]).canonicalText != (try ConfigSettings(parsing: ["a=2", "a=1"]).canonicalText))
        // A value holding the separators cannot collide with two settings.
        #expect(try ConfigSettings(parsing: ["a=1;b=2"]).canonicalText != (try ConfigSettings(parsing: ["a=1", "b=2"]).canonicalText))
    }
}

@Suite struct HookEnvironmentTests {
    @Test func scrubsAndPrependsTheScriptsDirectory() {
        let environment = HookEnvironment.make(
            from: ["PATH": "/usr/bin", "PYTHONPATH": "x", "PIP_X": "1", "UV_Y": "1", "KILN_Z": "1", "HOME": "/root", "VIRTUAL_ENV": "/v"],
            scriptsDirectory: "/b/env/bin", sourceDateEpoch: 400_000_000)
        #expect(environment == [
            "PATH": "/b/env/bin:/usr/bin", "HOME": "/root", "PYTHONNOUSERSITE": "1", "VIRTUAL_ENV": "/b/env",
            "SOURCE_DATE_EPOCH": "400000000",
        ])
    }

    @Test func theUsersEpochWinsAndOldTimesAreClamped() {
        #expect(HookEnvironment.make(from: ["SOURCE_DATE_EPOCH": "7"], scriptsDirectory: nil, sourceDateEpoch: 400_000_000)["SOURCE_DATE_EPOCH"] == "7")
        #expect(HookEnvironment.sourceDateEpoch(pkgInfoModificationTime: 0) == 315_532_800)
        #expect(HookEnvironment.sourceDateEpoch(pkgInfoModificationTime: 1_700_000_000) == 1_700_000_000)
        #expect(HookEnvironment.sourceDateEpoch(pkgInfoModificationTime: nil) == nil)
    }
}

@Suite struct BuildFailureHintsTests {
    @Test func missingHeader() {
        let hint = BuildFailureHints.hint(logLines: ["src/x.c:1:10: fatal error: yaml.h: No such file or directory"], missingModule: nil, pythonMinor: 12)
        #expect(hint?.contains("C header yaml.h is missing") == true)
        let python = BuildFailureHints.hint(logLines: ["x.c:1: fatal error: Python.h: No such file or directory"], missingModule: nil, pythonMinor: 12)
        #expect(python?.contains("python3-dev") == true)
    }

    @Test func missingLibrary() {
        let hint = BuildFailureHints.hint(logLines: ["/usr/bin/ld: cannot find -lssl: No such file or directory"], missingModule: nil, pythonMinor: 12)
        #expect(hint == "the linker cannot find the library ssl: install its development package (e.g. libssl-dev on Debian/Ubuntu)")
    }

    @Test func undeclaredModuleAndDistutils() {
        let cython = BuildFailureHints.hint(logLines: ["ModuleNotFoundError: No module named 'Cython'"], missingModule: nil, pythonMinor: 11)
        #expect(cython?.contains("'Cython'") == true)
        #expect(cython?.contains("[build-system].requires") == true)
        let distutils = BuildFailureHints.hint(logLines: [], missingModule: "distutils", pythonMinor: 12)
        #expect(distutils?.contains("Python 3.12 removed") == true)
        let olderPython = BuildFailureHints.hint(logLines: [], missingModule: "distutils", pythonMinor: 11)
        #expect(olderPython?.contains("Python 3.12 removed") == false)
    }

    @Test func setupPyRefusingThePython() {
        let hint = BuildFailureHints.hint(
            logLines: ["RuntimeError: Cannot install on Python version 3.10; only versions >=3.6,<3.10 are supported."],
            missingModule: nil, pythonMinor: 10)
        #expect(hint?.contains("older interpreter") == true)
        #expect(BuildFailureHints.hint(logLines: ["all good"], missingModule: nil, pythonMinor: 12) == nil)
    }
}

@Suite struct BuiltWheelCheckTests {
    private let tags: Set<PackagingModel.Tag> = [try! PackagingModel.Tag("py3", "none", "any")]

    @Test func aGoodWheelPasses() throws {
        let work = try TemporaryDirectory("kiln-wheel-check")
        let path = try WheelBuilder(name: "demo-pkg", version: "1.0").build(in: work.path)
        let parsed = try BuiltWheelCheck.check(path, name: try PackageName("demo_pkg"), version: try Version("1.0"), compatibleTags: tags, interpreter: "cpython 3.11")
        #expect(parsed.version == (try Version("1.0")))
    }

    @Test func aWrongHashSizeOrListingFails() throws {
        let work = try TemporaryDirectory("kiln-wheel-check")
        var builder = WheelBuilder(name: "demo-pkg", version: "1.0")
        builder.files = [WheelBuilder.Member("demo_pkg/__init__.py", "x = 1\n")]
        builder.recordHashOverrides = ["demo_pkg/__init__.py": "sha256=AAAA"]
        let path = try builder.build(in: work.path)
        #expect(throws: WheelCheckError.record(["demo_pkg/__init__.py has the wrong hash"])) {
            try BuiltWheelCheck.check(path, name: nil, version: nil, compatibleTags: tags, interpreter: "x")
        }
        var unlisted = WheelBuilder(name: "demo-pkg", version: "1.0")
        var member = WheelBuilder.Member("demo_pkg/extra.py", "y = 2\n")
        member.inRecord = false
        unlisted.files = [member]
        let second = try unlisted.build(in: work.path, filename: "demo_pkg-1.0-py2.py3-none-any.whl")
        #expect(throws: WheelCheckError.record(["demo_pkg/extra.py is not listed"])) {
            try BuiltWheelCheck.check(second, name: nil, version: nil, compatibleTags: tags, interpreter: "x")
        }
    }

    @Test func nameVersionAndTagsMustFit() throws {
        let work = try TemporaryDirectory("kiln-wheel-check")
        let path = try WheelBuilder(name: "demo-pkg", version: "1.0").build(in: work.path)
        #expect(throws: WheelCheckError.self) {
            try BuiltWheelCheck.check(path, name: try PackageName("other"), version: nil, compatibleTags: tags, interpreter: "x")
        }
        #expect(throws: WheelCheckError.self) {
            try BuiltWheelCheck.check(path, name: nil, version: try Version("2.0"), compatibleTags: tags, interpreter: "x")
        }
        #expect(throws: WheelCheckError.incompatibleTags(filename: "demo_pkg-1.0-py3-none-any.whl", interpreter: "x")) {
            try BuiltWheelCheck.check(path, name: nil, version: nil, compatibleTags: [try PackagingModel.Tag("cp311", "cp311", "linux_x86_64")], interpreter: "x")
        }
    }

    @Test func recordCSVHandlesQuotes() {
        #expect(RecordCSV.rows("a,b,1\n\"x,y\",\"q\"\"\",2\r\nlast,,") == [["a", "b", "1"], ["x,y", "q\"", "2"], ["last", "", ""]])
        #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")
        #expect(Base64URL.encode(Array("hello".utf8)) == "aGVsbG8")
    }
}

@Suite struct SourceProjectTests {
    @Test func withoutBuildSystemTheLegacyBackendAndSetuptoolsApply() throws {
        let work = try TemporaryDirectory("kiln-source-project")
        try "from setuptools import setup\nsetup()\n".write(toFile: work.file("setup.py"), atomically: false, encoding: .utf8)
        let setupOnly = try SourceProject(root: work.path)
        #expect(setupOnly.backend == "setuptools.build_meta:__legacy__")
        #expect(setupOnly.buildRequirements.map(\.description) == ["setuptools>=40.8.0"])

        try "[project]\nname = \"x\"\nversion = \"1\"\n".write(toFile: work.file("pyproject.toml"), atomically: false, encoding: .utf8)
        let noTable = try SourceProject(root: work.path)
        #expect(noTable.backend == "setuptools.build_meta:__legacy__")
        #expect(noTable.buildRequirements.map(\.description) == ["setuptools>=40.8.0"])

        // A table without build-backend keeps its own requires (pip and uv do the same).
        try "[build-system]\nrequires = [\"setuptools>=61\", \"wheel\"]\n".write(toFile: work.file("pyproject.toml"), atomically: false, encoding: .utf8)
        let noBackend = try SourceProject(root: work.path)
        #expect(noBackend.backend == "setuptools.build_meta:__legacy__")
        #expect(noBackend.buildRequirements.map(\.description) == ["setuptools>=61", "wheel"])
    }

    @Test func aDirectoryWithNeitherFileIsNotASourceTree() throws {
        let work = try TemporaryDirectory("kiln-source-project")
        #expect(throws: BuildInputError.unsupportedSource(work.path)) { try SourceProject(root: work.path) }
    }
}

@Suite struct BuildLogTests {
    @Test func theTailIsTheLastFortyLinesOfEvenALargeLog() throws {
        let work = try TemporaryDirectory("kiln-build-log")
        let path = work.file("build.log")
        let text = (0..<100_000).map { "line \($0) of a long compiler transcript" }.joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let log = BuildLog(path: path)
        let tail = log.tail()
        #expect(tail.count == 40)
        #expect(tail.first == "line 99960 of a long compiler transcript")
        #expect(tail.last == "line 99999 of a long compiler transcript")
        #expect(log.lines().count < 100_000)
        #expect(log.lines().last == "line 99999 of a long compiler transcript")
    }
}
