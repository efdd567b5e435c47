import Foundation
import Testing
import TestSupport

/// `kiln compile` over a find-links directory of sdists whose in-tree backends the tests control:
/// metadata by prepare_metadata_for_build_wheel or a full build, and backtracking past builds
/// that fail, with the reasons told once.
@Suite(.enabled(if: PyenvInterpreters.isAvailable("3.12"), "needs CPython 3.12 from pyenv"))
struct CompileSdistEndToEndTests {
    struct Links {
        let work: TemporaryDirectory
        var directory: String { work.file("links") }
        var cache: String { work.file("cache") }

        init() throws {
            work = try TemporaryDirectory("kiln-e2e-sdists")
            try FileManager.default.createDirectory(atPath: work.file("links"), withIntermediateDirectories: true)
        }

        func add(_ fixture: SdistFixture) throws {
            _ = try fixture.writeSdist(in: directory)
        }

        func add(_ wheel: WheelBuilder) throws {
            try wheel.build(in: directory)
        }

        /// A sdist whose backend raises in get_requires_for_build_wheel, logging each hook it runs.
        func failing(_ name: String, _ version: String) throws {
            var fixture = SdistFixture(name: name, version: version)
            fixture.raisingHook = "get_requires_for_build_wheel"
            fixture.runLog = runLog(name, version)
            try add(fixture)
        }

        func runLog(_ name: String, _ version: String) -> String { work.file("\(name)-\(version).runs") }

        func runs(_ name: String, _ version: String) -> [String] {
            ((try? String(contentsOfFile: runLog(name, version), encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }

        func compile(_ requirements: [String], _ extra: [String] = []) throws -> KilnBinary.Result {
            let python = try #require(PyenvInterpreters.path(for: "3.12"))
            return try KilnBinary.run(["compile"] + requirements + [
                "--python", python, "--no-index", "--find-links", directory, "--cache-dir", cache,
            ] + extra)
        }
    }

    @Test func aVersionWhoseBuildFailsIsPassedOverAndTheUserToldWhyOnce() throws {
        let links = try Links()
        try links.add(WheelBuilder(name: "pkg", version: "1.0"))
        try links.failing("pkg", "2.0")
        let result = try links.compile(["pkg"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "pkg==1.0\n")
        let warning = "warning: pkg 2.0 was passed over: its build failed (get_requires_for_build_wheel): RuntimeError: kiln test failure\n"
        #expect(result.stderr.components(separatedBy: warning).count == 2, "\(result.stderr)")
        #expect(!result.stderr.contains("Traceback"), "the warning is one line; the traceback stays in the log")
        #expect(links.runs("pkg", "2.0") == ["get_requires_for_build_wheel"])
    }

    @Test func afterTheBoundOfFailedBuildsTheErrorListsEachWithItsPhaseAndLog() throws {
        let links = try Links()
        for version in ["1.0", "2.0", "3.0", "4.0"] { try links.failing("pkg", version) }
        let result = try links.compile(["pkg"], ["--max-build-failures", "3"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("3 builds of pkg failed:"), "\(result.stderr)")
        for version in ["4.0", "3.0", "2.0"] {
            #expect(result.stderr.contains(
                "  pkg \(version): failed in get_requires (get_requires_for_build_wheel): RuntimeError: kiln test failure\n"
                    + "    last "), "\(result.stderr)")
            #expect(links.runs("pkg", version) == ["get_requires_for_build_wheel"])
        }
        #expect(result.stderr.contains("      RuntimeError: kiln test failure\n    full log: /"), "\(result.stderr)")
        #expect(result.stderr.contains("the limit of 3 failed metadata builds was reached"))
        // The fourth was never built, and nothing was warned about: the error says it all.
        #expect(links.runs("pkg", "1.0").isEmpty)
        #expect(!result.stderr.contains("pkg 1.0:"))
        #expect(!result.stderr.contains("warning:"))
    }

    @Test func dynamicDependenciesComeFromPrepareMetadataOnceAcrossRuns() throws {
        let links = try Links()
        var fixture = SdistFixture(name: "dyn", version: "1.0")
        fixture.requiresDist = ["six>=1.16", "idna; python_version < '3'"]
        fixture.runLog = links.runLog("dyn", "1.0")
        try links.add(fixture)
        try links.add(WheelBuilder(name: "six", version: "1.17.0"))
        for _ in 0..<2 {
            let result = try links.compile(["dyn"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "dyn==1.0\nsix==1.17.0\n")
        }
        #expect(links.runs("dyn", "1.0") == ["get_requires_for_build_wheel", "prepare_metadata_for_build_wheel"])
    }

    @Test func withoutAMetadataHookTheBuiltWheelLandsInTheCacheForTheInstall() throws {
        let links = try Links()
        var fixture = SdistFixture(name: "nohook", version: "1.0")
        fixture.omittedHooks = ["prepare_metadata_for_build_wheel"]
        fixture.requiresDist = ["six"]
        fixture.runLog = links.runLog("nohook", "1.0")
        try links.add(fixture)
        try links.add(WheelBuilder(name: "six", version: "1.17.0"))
        let result = try links.compile(["nohook"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "nohook==1.0\nsix==1.17.0\n")
        let built = try FileManager.default.subpathsOfDirectory(atPath: links.cache + "/built-wheels-v1/nohook")
        #expect(built.contains { $0.hasSuffix("/" + fixture.wheelFilename) }, "\(built)")
        // The same build, asked for by a wheel build now, is a cache hit: no backend runs.
        let python = try #require(PyenvInterpreters.path(for: "3.12"))
        let wheel = try KilnBinary.run([
            "build-wheel", links.directory + "/" + fixture.sdistFilename, "--python", python, "-o", links.work.file("dist"),
            "--cache-dir", links.cache, "--no-index",
        ])
        #expect(wheel.status == 0, "\(wheel.stderr)")
        #expect(wheel.stderr.contains("from the built-wheel cache"), "\(wheel.stderr)")
        #expect(links.runs("nohook", "1.0") == ["get_requires_for_build_wheel", "build_wheel"])
    }

    /// Four processes resolve through one sdist with one cold cache: the metadata build runs
    /// once (its cache entry's lock), and all four get the same pins.
    @Test func concurrentResolutionsRunTheMetadataHookOnce() async throws {
        let links = try Links()
        var fixture = SdistFixture(name: "shared", version: "1.0")
        fixture.requiresDist = ["six"]
        fixture.runLog = links.runLog("shared", "1.0")
        try links.add(fixture)
        try links.add(WheelBuilder(name: "six", version: "1.17.0"))
        let results = try await withThrowingTaskGroup(of: KilnBinary.Result.self) { group in
            for _ in 0..<4 {
                group.addTask { try links.compile(["shared"]) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 4)
        for result in results {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "shared==1.0\nsix==1.17.0\n")
        }
        #expect(links.runs("shared", "1.0") == ["get_requires_for_build_wheel", "prepare_metadata_for_build_wheel"])
    }

    /// Ctrl-C during a metadata build: its backend is stopped, no older version is built after
    /// it, nothing is published, and kiln exits 130.
    @Test func aSignalDuringAMetadataBuildStopsItAndStartsNoOther() throws {
        let links = try Links()
        var slow = SdistFixture(name: "slow", version: "2.0")
        slow.omittedHooks = ["prepare_metadata_for_build_wheel"]
        slow.buildDelay = 60
        slow.probeDirectory = links.work.path
        try links.add(slow)
        var older = SdistFixture(name: "slow", version: "1.0")
        older.runLog = links.runLog("slow", "1.0")
        try links.add(older)
        let python = try #require(PyenvInterpreters.path(for: "3.12"))
        let kiln = try BackgroundProcess(KilnBinary.path, [
            "compile", "slow", "--python", python, "--no-index", "--find-links", links.directory, "--cache-dir", links.cache,
        ])
        let probe = links.work.file("build_wheel.json")
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: probe) && Date() < deadline { usleep(20_000) }
        guard FileManager.default.fileExists(atPath: probe) else {
            kiln.kill()
            _ = kiln.wait()
            Issue.record("the backend never started its build")
            return
        }
        usleep(100_000)  // the probe file is written as build_wheel starts; let it reach its wait
        let started = Date()
        kiln.kill(SIGINT)
        let result = kiln.wait()
        #expect(result.signal == nil, "kiln died by signal \(result.signal ?? 0)")
        #expect(result.status == 130, "\(result.stderr)")
        #expect(Date().timeIntervalSince(started) < 10)
        let pid = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: probe))) as? [String: Any])["pid"] as? Int
        if let pid { #expect(kill(pid_t(pid), 0) != 0 || isZombie(pid_t(pid)), "the backend outlived kiln") }
        #expect(links.runs("slow", "1.0").isEmpty, "an older version was built after the signal")
        let published = (try? FileManager.default.subpathsOfDirectory(atPath: links.cache + "/built-metadata-v1")) ?? []
        #expect(!published.contains { $0.hasSuffix("/METADATA") }, "\(published)")
    }

    private func isZombie(_ pid: pid_t) -> Bool {
        let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.split(separator: ")").last?.split(separator: " ").first
        return state == "Z" || state == nil
    }
}
