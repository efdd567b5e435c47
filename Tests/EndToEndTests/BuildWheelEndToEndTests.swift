import Foundation
import Testing
import TestSupport

/// Serves given files (wheels, sdists) as a simple index on 127.0.0.1, one page per project.
struct LoopbackFileIndex {
    let directory: TemporaryDirectory
    let server: LoopbackIndexServer

    /// `files`: (PEP 503 project name, path of a file to serve).
    init(_ files: [(project: String, path: String)]) throws {
        directory = try TemporaryDirectory("kiln-e2e-build-index")
        let folder = directory.file("files")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var links: [String: [String]] = [:]
        for (project, path) in files {
            let filename = (path as NSString).lastPathComponent
            try FileManager.default.copyItem(atPath: path, toPath: folder + "/" + filename)
            let digest = try ProcessHelper.run("/usr/bin/sha256sum", [path]).stdout.prefix(64)
            links[project, default: []].append("<a href=\"../../files/\(filename)#sha256=\(digest)\">\(filename)</a>")
        }
        for (project, anchors) in links {
            let page = directory.file("simple/\(project)")
            try FileManager.default.createDirectory(atPath: page, withIntermediateDirectories: true)
            try ("<html><body>\n" + anchors.joined(separator: "\n") + "\n</body></html>\n")
                .write(toFile: page + "/index.html", atomically: false, encoding: .utf8)
        }
        server = try LoopbackIndexServer(root: directory.path)
    }

    var indexURL: String { server.url("/simple/") }
}

private let buildPython = "3.12"

@Suite(.serialized, .enabled(if: PyenvInterpreters.isAvailable(buildPython), "needs CPython \(buildPython) from pyenv"))
struct BuildWheelEndToEndTests {
    private func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    private func kiln(_ arguments: [String], work: TemporaryDirectory, cache: String? = nil) throws -> KilnBinary.Result {
        try KilnBinary.run(arguments + ["--python", buildPython, "--cache-dir", cache ?? work.file("cache"), "--no-index"],
                           environment: ["SOURCE_DATE_EPOCH": nil])
    }

    @Test func buildsAWheelPrintsItsPathLastAndWritesAReport() throws {
        let work = try TemporaryDirectory("kiln-e2e-build")
        var fixture = SdistFixture()
        fixture.runLog = work.file("runs.log")
        fixture.stdoutText = "backend chatter on stdout"
        fixture.pkgInfoModificationTime = 1_700_000_000
        let sdist = try fixture.writeSdist(in: work.path)
        let result = try kiln(["build-wheel", sdist, "-o", work.file("out"), "-C", "k=1", "-C", "k=2", "--report", work.file("report.json")], work: work)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").last.map(String.init) == work.file("out") + "/" + fixture.wheelFilename)
        #expect(!result.stdout.contains("backend chatter"))
        #expect(!result.stderr.contains("backend chatter"))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: work.file("report.json")))) as? [String: Any])
        #expect(report["backend"] as? String == "kiln_test_backend")
        #expect(report["hooks"] as? [String] == ["get_requires_for_build_wheel", "build_wheel"])
        #expect(report["configSettings"] as? [String: [String]] == ["k": ["1", "2"]])
        #expect(report["sourceDateEpoch"] as? Int == 1_700_000_000)
        #expect(report["cacheHit"] as? Bool == false)
        let wheel = report["wheel"] as? [String: Any]
        #expect(wheel?["filename"] as? String == fixture.wheelFilename)
        #expect(wheel?["tags"] as? [String] == ["py3-none-any"])
        let digest = try ProcessHelper.run("/usr/bin/sha256sum", [work.file("out") + "/" + fixture.wheelFilename]).stdout.prefix(64)
        #expect(wheel?["sha256"] as? String == String(digest))
        #expect((report["interpreter"] as? [String: Any])?["version"] as? String != nil)
        #expect((report["durations"] as? [[String: Any]])?.isEmpty == false)

        // -v streams the backend's output to stderr; the cache answers without running the backend.
        let again = try kiln(["build-wheel", sdist, "-o", work.file("again"), "-C", "k=1", "-C", "k=2", "-v"], work: work)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("from the built-wheel cache"))
        #expect(lines(work.file("runs.log")).filter { $0 == "build_wheel" }.count == 1)
        let verbose = try kiln(["build-wheel", sdist, "-o", work.file("verbose"), "-v"], work: work)
        #expect(verbose.status == 0, "\(verbose.stderr)")
        #expect(verbose.stderr.contains("backend chatter on stdout"))
    }

    @Test func requiresPythonRefusesWithExitOneAndNoHook() throws {
        let work = try TemporaryDirectory("kiln-e2e-build")
        var fixture = SdistFixture(name: "old-only", version: "0.9")
        fixture.runLog = work.file("runs.log")
        fixture.pkgInfoRequiresPython = ">=3.6,<3.10"
        let sdist = try fixture.writeSdist(in: work.path)
        let result = try kiln(["build-wheel", sdist, "-o", work.file("out")], work: work)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let version = try ProcessHelper.run(PyenvInterpreters.path(for: buildPython) ?? "", ["-c", "import platform; print(platform.python_version())"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(result.stderr.contains("error: old-only 0.9 requires Python <3.10,>=3.6; the target interpreter is \(version)"), "\(result.stderr)")
        #expect(result.stderr.components(separatedBy: "error:").count == 2, "printed more than once: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: work.file("runs.log")))
    }

    @Test func aHostileSdistIsRefusedInOneLineAndNothingEscapes() throws {
        let work = try TemporaryDirectory("kiln-e2e-build")
        let python = try #require(PyenvInterpreters.path(for: buildPython))
        let escaped = work.file("escaped-\(UUID().uuidString)")
        let script = """
            import io, sys, tarfile
            def add(t, name, data=b"x"):
                info = tarfile.TarInfo(name); info.size = len(data); t.addfile(info, io.BytesIO(data))
            with tarfile.open(sys.argv[1], "w:gz") as t:
                add(t, "evil-1.0/PKG-INFO", b"Metadata-Version: 2.1\\nName: evil\\nVersion: 1.0\\n")
                add(t, "evil-1.0/../" + sys.argv[2])
            """
        let sdist = work.file("evil-1.0.tar.gz")
        let made = try ProcessHelper.run(python, ["-c", script, sdist, FileManager.default.displayName(atPath: escaped)])
        try #require(made.status == 0, "\(made.stderr)")
        let result = try kiln(["build-wheel", sdist, "-o", work.file("out")], work: work)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: refusing to unpack \(sdist): member 'evil-1.0/../\(FileManager.default.displayName(atPath: escaped))' climbs out with '..'\n",
                "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: escaped))
        #expect(!FileManager.default.fileExists(atPath: work.file("out")))
    }

    @Test func aFailingBackendShowsPhaseTailLogAndExitsOne() throws {
        let work = try TemporaryDirectory("kiln-e2e-build")
        var fixture = SdistFixture()
        fixture.importInBuild = "cython_is_not_declared"
        let sdist = try fixture.writeSdist(in: work.path)
        let result = try kiln(["build-wheel", sdist, "-o", work.file("out")], work: work)
        #expect(result.status == 1)
        #expect(result.stderr.contains("the build backend failed in building (build_wheel): ModuleNotFoundError"), "\(result.stderr)")
        #expect(result.stderr.contains("last "))
        #expect(result.stderr.contains("hint: the build imports the module 'cython_is_not_declared'"))
        let logLine = result.stderr.split(separator: "\n").first { $0.contains("full log: ") }
        let logPath = try #require(logLine.map { String($0.split(separator: " ").last ?? "") })
        #expect(FileManager.default.fileExists(atPath: logPath))
        try? FileManager.default.removeItem(atPath: (logPath as NSString).deletingLastPathComponent)
    }

    @Test func getRequiresResultsComeFromTheIndexIntoTheBuildEnvironment() throws {
        let work = try TemporaryDirectory("kiln-e2e-build")
        var helper = WheelBuilder(name: "kiln-helper", version: "1.0")
        helper.files = [WheelBuilder.Member("kiln_helper.py", "VALUE = 1\n")]
        let helperWheel = try helper.build(in: work.path)
        let index = try LoopbackFileIndex([("kiln-helper", helperWheel)])
        var fixture = SdistFixture()
        fixture.getRequires = ["kiln-helper==1.0"]
        fixture.importInBuild = "kiln_helper"
        let sdist = try fixture.writeSdist(in: work.path)
        let result = try KilnBinary.run(
            ["build-wheel", sdist, "-o", work.file("out"), "--python", buildPython, "--cache-dir", work.file("cache"),
             "--index-url", index.indexURL, "--report", work.file("report.json")])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: work.file("report.json")))) as? [String: Any])
        let requirements = report["buildRequirements"] as? [[String: Any]] ?? []
        let digest = try ProcessHelper.run("/usr/bin/sha256sum", [helperWheel]).stdout.prefix(64)
        #expect(requirements.count == 1)
        #expect(requirements.first?["name"] as? String == "kiln-helper")
        #expect(requirements.first?["version"] as? String == "1.0")
        #expect(requirements.first?["sha256"] as? String == String(digest))
    }

    @Test func buildConstraintsApplyToBuildRequirements() throws {
        let work = try TemporaryDirectory("kiln-e2e-build")
        var paths: [(project: String, path: String)] = []
        for version in ["1.0", "2.0"] {
            var helper = WheelBuilder(name: "kiln-helper", version: version)
            helper.files = [WheelBuilder.Member("kiln_helper.py", "VALUE = '\(version)'\n")]
            paths.append(("kiln-helper", try helper.build(in: work.path)))
        }
        let index = try LoopbackFileIndex(paths)
        var fixture = SdistFixture()
        fixture.buildRequires = ["kiln-helper"]
        fixture.runLog = work.file("runs.log")
        let sdist = try fixture.writeSdist(in: work.path)
        try "kiln-helper<2  # too new\n".write(toFile: work.file("constraints.txt"), atomically: false, encoding: .utf8)
        func build(_ extra: [String], report: String) throws -> [String] {
            let result = try KilnBinary.run(
                ["build-wheel", sdist, "-o", work.file("out"), "--python", buildPython, "--cache-dir", work.file("cache"),
                 "--index-url", index.indexURL, "--report", work.file(report)] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: work.file(report)))) as? [String: Any]
            return (json?["buildRequirements"] as? [[String: Any]] ?? []).map { "\($0["name"] ?? "")==\($0["version"] ?? "")" }
        }
        #expect(try build(["--build-constraint", work.file("constraints.txt")], report: "constrained.json") == ["kiln-helper==1.0"])
        // Without the constraint the key differs: a new build, with the newest helper.
        #expect(try build([], report: "free.json") == ["kiln-helper==2.0"])
        #expect(lines(work.file("runs.log")).filter { $0 == "build_wheel" }.count == 2)
    }

    @Test func eightConcurrentBuildsRunTheBackendOnce() throws {
        let work = try TemporaryDirectory("kiln-e2e-build")
        var fixture = SdistFixture()
        fixture.runLog = work.file("runs.log")
        fixture.buildDelay = 1.5
        let sdist = try fixture.writeSdist(in: work.path)
        let results = ResultBox(count: 8)
        DispatchQueue.concurrentPerform(iterations: 8) { number in
            let result = try? KilnBinary.run(
                ["build-wheel", sdist, "-o", work.file("out\(number)"), "--python", buildPython, "--cache-dir", work.file("cache"), "--no-index"])
            results.set(number, result)
        }
        let all = results.values
        #expect(all.allSatisfy { $0?.status == 0 }, "\(all.map { $0?.stderr ?? "no result" })")
        #expect(lines(work.file("runs.log")).filter { $0 == "build_wheel" }.count == 1)
        #expect(all.contains { $0?.stderr.contains("waiting for another build of demo_pkg 1.0") == true })
        let wheels = try (0..<8).map { try fileDigest(work.file("out\($0)/") + fixture.wheelFilename) }
        #expect(Set(wheels).count == 1)
    }

    @Test func twoColdBuildsAreByteIdentical() throws {
        let work = try TemporaryDirectory("kiln-e2e-build")
        let sdist = try SdistFixture().writeSdist(in: work.path)
        let first = try kiln(["build-wheel", sdist, "-o", work.file("one")], work: work, cache: work.file("cache1"))
        Thread.sleep(forTimeInterval: 1.1)
        let second = try kiln(["build-wheel", sdist, "-o", work.file("two")], work: work, cache: work.file("cache2"))
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\(second.stderr)")
        let one = try fileDigest(first.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        let two = try fileDigest(second.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(one == two)
    }

    @Test func buildMakesTheSdistThenTheWheelFromIt() throws {
        let work = try TemporaryDirectory("kiln-e2e-build")
        var fixture = SdistFixture()
        fixture.runLog = work.file("runs.log")
        let tree = try fixture.writeTree(in: work.path)
        let result = try kiln(["build", tree, "-o", work.file("dist")], work: work)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n") == [work.file("dist/demo_pkg-1.0.tar.gz"), work.file("dist/") + fixture.wheelFilename].map { Substring($0) })
        #expect(lines(work.file("runs.log")) == ["get_requires_for_build_sdist", "build_sdist", "get_requires_for_build_wheel", "build_wheel"])
        let sdistOnly = try kiln(["build-sdist", tree, "-o", work.file("sdist")], work: work)
        #expect(sdistOnly.status == 0, "\(sdistOnly.stderr)")
        #expect(sdistOnly.stdout == work.file("sdist/demo_pkg-1.0.tar.gz") + "\n")
    }

    @Test func nameEqualsVersionFetchesTheSdistFromTheIndex() throws {
        let work = try TemporaryDirectory("kiln-e2e-build")
        var fixture = SdistFixture()
        fixture.runLog = work.file("runs.log")
        let sdist = try fixture.writeSdist(in: work.path)
        let index = try LoopbackFileIndex([("demo-pkg", sdist)])
        let result = try KilnBinary.run(
            ["build-wheel", "demo-pkg==1.0", "-o", work.file("out"), "--python", buildPython, "--cache-dir", work.file("cache"),
             "--index-url", index.indexURL])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("/out/" + fixture.wheelFilename + "\n"))
        let missing = try KilnBinary.run(
            ["build-wheel", "demo-pkg==2.0", "-o", work.file("out"), "--python", buildPython, "--cache-dir", work.file("cache"),
             "--index-url", index.indexURL])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no source distribution of demo-pkg 2.0"), "\(missing.stderr)")
    }

    @Test func noIsolationChecksTheBuildRequirements() throws {
        let work = try TemporaryDirectory("kiln-e2e-build")
        var fixture = SdistFixture()
        fixture.buildRequires = ["kiln-not-installed-anywhere>=1"]
        fixture.runLog = work.file("runs.log")
        let sdist = try fixture.writeSdist(in: work.path)
        let refused = try kiln(["build-wheel", sdist, "-o", work.file("out"), "--no-isolation"], work: work)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("not installed in the target interpreter: kiln-not-installed-anywhere>=1 (not installed)"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: work.file("runs.log")))
        let skipped = try kiln(["build-wheel", sdist, "-o", work.file("out"), "--no-isolation", "--skip-dependency-check"], work: work)
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(lines(work.file("runs.log")) == ["get_requires_for_build_wheel", "build_wheel"])
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalStopsTheBackendAndPublishesNothing(signal: Int32) throws {
        let work = try TemporaryDirectory("kiln-e2e-build")
        var fixture = SdistFixture()
        fixture.probeDirectory = work.path
        fixture.runLog = work.file("runs.log")
        fixture.buildDelay = 60
        fixture.releaseFile = work.file("release")
        let sdist = try fixture.writeSdist(in: work.path)
        let arguments = ["build-wheel", sdist, "-o", work.file("out"), "--python", buildPython, "--cache-dir", work.file("cache"), "--no-index"]
        let process = try BackgroundProcess(KilnBinary.path, arguments)
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: work.file("build_wheel.json")) && Date() < deadline { usleep(20_000) }
        usleep(100_000)
        let probe = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: work.file("build_wheel.json")))) as? [String: Any])
        let backend = try #require(probe["pid"] as? Int32)
        process.kill(signal)
        let result = process.wait()
        #expect(!process.wasKilled, "kiln died of the signal instead of stopping its build")
        #expect(result.status == 128 + signal, "\(result.stderr)")
        #expect(!ProcessState.isRunning(backend), "the backend (pid \(backend)) outlived kiln")
        #expect(!FileManager.default.fileExists(atPath: work.file("out/") + fixture.wheelFilename))
        // The lock was released and nothing half-built was published: a new build runs the backend.
        FileManager.default.createFile(atPath: work.file("release"), contents: nil)
        let retry = try kiln(["build-wheel", sdist, "-o", work.file("out")], work: work)
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(!retry.stderr.contains("from the built-wheel cache"))
        #expect(lines(work.file("runs.log")).filter { $0 == "build_wheel" }.count == 2)
    }

    /// No `[build-system]`: setuptools' legacy backend with setuptools (and wheel, which it asks
    /// for) served from the wheels CPython's own test suite ships.
    @Test(.enabled(if: LegacyWheels.available, "needs setuptools/wheel wheels from CPython 3.13's test data"))
    func aSetupPyProjectUsesTheLegacyBackend() throws {
        let work = try TemporaryDirectory("kiln-e2e-build")
        let index = try LoopbackFileIndex([("setuptools", LegacyWheels.setuptools), ("wheel", LegacyWheels.wheel)])
        var fixture = SdistFixture(name: "legacy-demo", version: "2.0")
        fixture.legacySetupPy = true
        let sdist = try fixture.writeSdist(in: work.path)
        let result = try KilnBinary.run(
            ["build-wheel", sdist, "-o", work.file("out"), "--python", buildPython, "--cache-dir", work.file("cache"),
             "--index-url", index.indexURL, "--report", work.file("report.json")], environment: ["SOURCE_DATE_EPOCH": nil])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("/out/legacy_demo-2.0-py3-none-any.whl\n"))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: work.file("report.json")))) as? [String: Any])
        #expect(report["backend"] as? String == "setuptools.build_meta:__legacy__")
        let names = (report["buildRequirements"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names.contains("setuptools"))
        // setuptools' wheel is reproducible with the epoch kiln sets: a cold rebuild is byte-identical.
        Thread.sleep(forTimeInterval: 1.1)
        let again = try KilnBinary.run(
            ["build-wheel", sdist, "-o", work.file("again"), "--python", buildPython, "--cache-dir", work.file("cache2"),
             "--index-url", index.indexURL], environment: ["SOURCE_DATE_EPOCH": nil])
        #expect(again.status == 0, "\(again.stderr)")
        let first = try fileDigest(work.file("out/legacy_demo-2.0-py3-none-any.whl"))
        let second = try fileDigest(work.file("again/legacy_demo-2.0-py3-none-any.whl"))
        #expect(first == second)
    }
}

/// A file's SHA-256 (hex): wheels are compared by digest, so a mismatch prints two short strings
/// instead of a byte diff of two archives.
func fileDigest(_ path: String) throws -> String {
    let result = try ProcessHelper.run("/usr/bin/sha256sum", [path])
    guard result.status == 0 else { throw FixtureError(message: "sha256sum \(path): \(result.stderr)") }
    return String(result.stdout.prefix(64))
}

enum LegacyWheels {
    static let setuptools = PyenvInterpreters.root + "/versions/3.13.0/lib/python3.13/test/wheeldata/setuptools-67.6.1-py3-none-any.whl"
    static let wheel = PyenvInterpreters.root + "/versions/3.13.0/lib/python3.13/test/wheeldata/wheel-0.43.0-py3-none-any.whl"
    static var available: Bool { FileManager.default.fileExists(atPath: setuptools) && FileManager.default.fileExists(atPath: wheel) }
}

/// Results of parallel runs, filled from several threads.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [KilnBinary.Result?]

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: KilnBinary.Result?) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    var values: [KilnBinary.Result?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
