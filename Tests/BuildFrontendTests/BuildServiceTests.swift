import Foundation
import SystemSupport
import Cache
import Synchronization
import Testing
import TestSupport
@testable import BuildFrontend

/// Builds through `BuildService` with an in-tree backend and an installer that installs nothing.
@Suite(needsPython311) struct BuildServiceTests {
    @Test func configSettingsReachTheBackendWithRepeatedKeysAsLists() async throws {
        let rig = try await BuildRig.make()
        var fixture = SdistFixture()
        fixture.probeDirectory = rig.work.path
        let sdist = try fixture.writeSdist(in: rig.work.path)
        let outcome = try await rig.service().buildWheel(
            sdist: sdist, into: rig.work.file("dist"), options: try rig.options(["a=1", "b=x", "a=2", "flag"]))
        let arguments = try rig.probe("build_wheel", in: rig.work.path)["arguments"] as? [String: Any]
        let settings = arguments?["config_settings"] as? [String: Any]
        #expect(settings?["a"] as? [String] == ["1", "2"])
        #expect(settings?["b"] as? String == "x")
        #expect(settings?["flag"] as? String == "")
        #expect(outcome.report.configSettings == ["a": ["1", "2"], "b": ["x"], "flag": [""]])
        #expect(outcome.path == rig.work.file("dist") + "/" + fixture.wheelFilename)
    }

    @Test func hooksRunInTheTreeWithAScrubbedEnvironment() async throws {
        let rig = try await BuildRig.make()
        var fixture = SdistFixture()
        fixture.probeDirectory = rig.work.path
        let sdist = try fixture.writeSdist(in: rig.work.path)
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONPATH"] = "/nowhere"
        environment["PYTHONHOME"] = "/nowhere"
        environment["PIP_INDEX_URL"] = "http://leak.invalid"
        environment["UV_INDEX_URL"] = "http://leak.invalid"
        environment["KILN_CACHE_DIR"] = "/nowhere"
        environment["KILN_TEST_KEEP"] = "no"
        environment["PATH"] = "/usr/bin:/bin"
        _ = try await rig.service().buildWheel(sdist: sdist, into: rig.work.file("dist"), options: try rig.options(environment: environment))
        let probe = try rig.probe("build_wheel", in: rig.work.path)
        let seen = probe["environ"] as? [String: String] ?? [:]
        for name in ["PYTHONPATH", "PYTHONHOME", "PIP_INDEX_URL", "UV_INDEX_URL", "KILN_CACHE_DIR", "KILN_TEST_KEEP"] {
            #expect(seen[name] == nil, "\(name) leaked into the hook")
        }
        #expect(seen["PYTHONNOUSERSITE"] == "1")
        let path = seen["PATH"] ?? ""
        #expect(path.hasSuffix(":/usr/bin:/bin"))
        #expect(path.hasPrefix(FileManager.default.temporaryDirectory.path.replacingOccurrences(of: "/private", with: "")) || path.hasPrefix("/tmp"))
        #expect(path.split(separator: ":").first?.hasSuffix("/env/bin") == true)
        // The build venv's interpreter runs the hook, in the unpacked tree's root.
        #expect((probe["executable"] as? String)?.hasSuffix("/env/bin/python") == true)
        #expect((probe["cwd"] as? String)?.hasSuffix("/src/" + fixture.topDirectory) == true)
        #expect((probe["sys_path"] as? [String])?.contains { $0.hasSuffix("/" + fixture.topDirectory) } == false)
    }

    @Test func sourceDateEpochComesFromPKGInfoClampedUnlessTheUserSetIt() async throws {
        let rig = try await BuildRig.make()
        func epoch(mtime: Int, environment extra: [String: String] = [:]) async throws -> String? {
            var fixture = SdistFixture(name: "epoch-\(mtime)-\(extra.count)")
            fixture.probeDirectory = rig.work.path
            fixture.pkgInfoModificationTime = mtime
            let sdist = try fixture.writeSdist(in: rig.work.path)
            var options = try rig.options()
            for (key, value) in extra { options.environment[key] = value }
            let outcome = try await rig.service().buildWheel(sdist: sdist, into: rig.work.file("dist"), options: options)
            let seen = try rig.probe("build_wheel", in: rig.work.path)["environ"] as? [String: String]
            #expect(outcome.report.sourceDateEpoch.map(String.init) == seen?["SOURCE_DATE_EPOCH"])
            return seen?["SOURCE_DATE_EPOCH"]
        }
        #expect(try await epoch(mtime: 1_600_000_000) == "1600000000")
        #expect(try await epoch(mtime: 86_400) == "315532800")
        #expect(try await epoch(mtime: 1_600_000_000, environment: ["SOURCE_DATE_EPOCH": "1234567890"]) == "1234567890")
    }

    @Test func requiresPythonRefusesBeforeAnythingRuns() async throws {
        let rig = try await BuildRig.make()
        let cases: [(pkgInfo: String?, project: String?, index: String?, source: String, specifier: String)] = [
            ("<3.11", nil, nil, "PKG-INFO", "<3.11"),
            (nil, ">=3.8,<3.11", nil, "pyproject.toml", "<3.11,>=3.8"),
            (nil, nil, ">=3.12", "the index", ">=3.12"),
        ]
        for (number, item) in cases.enumerated() {
            var fixture = SdistFixture(name: "guarded\(number)")
            fixture.runLog = rig.work.file("runs.log")
            fixture.pkgInfoRequiresPython = item.pkgInfo
            fixture.projectRequiresPython = item.project
            let sdist = try fixture.writeSdist(in: rig.work.path)
            var options = try rig.options()
            options.indexRequiresPython = try item.index.map { try .init($0) }
            do {
                _ = try await rig.service().buildWheel(sdist: sdist, into: rig.work.file("dist"), options: options)
                Issue.record("built despite Requires-Python \(item.specifier)")
            } catch {
                #expect(error.description == "guarded\(number) 1.0 requires Python \(item.specifier); the target interpreter is \(rig.interpreter.fullVersion)")
                #expect(error.hint?.contains(item.source) == true)
                guard case .input(.requiresPython) = error else { Issue.record("wrong kind: \(error)"); continue }
            }
        }
        #expect(!FileManager.default.fileExists(atPath: rig.work.file("runs.log")), "a hook ran")
        #expect(rig.installer.requests.isEmpty, "a build environment was filled")
    }

    @Test func getRequiresResultsAreInstalledBeforeTheBuild() async throws {
        let rig = try await BuildRig.make()
        var fixture = SdistFixture()
        fixture.buildRequires = ["kiln-base>=1"]
        fixture.getRequires = ["kiln-extra==2.0"]
        let sdist = try fixture.writeSdist(in: rig.work.path)
        let outcome = try await rig.service().buildWheel(sdist: sdist, into: rig.work.file("dist"), options: try rig.options())
        #expect(rig.installer.requests == [["kiln-base>=1"], ["kiln-base>=1", "kiln-extra==2.0"]])
        #expect(outcome.report.buildRequirements.map(\.name) == ["kiln-base", "kiln-extra"])
        #expect(outcome.report.hooks == ["get_requires_for_build_wheel", "build_wheel"])
    }

    @Test func aFailingInstallIsAnEnvironmentError() async throws {
        let rig = try await BuildRig.make(installer: RecordingInstaller(failure: BuildEnvironmentInstallError(.resolving, "no version of kiln-base matches")))
        var fixture = SdistFixture()
        fixture.buildRequires = ["kiln-base>=1"]
        fixture.runLog = rig.work.file("runs.log")
        let sdist = try fixture.writeSdist(in: rig.work.path)
        let options = try rig.options()
        do {
            _ = try await rig.service().buildWheel(sdist: sdist, into: rig.work.file("dist"), options: options)
            Issue.record("built without its requirements")
        } catch {
            guard case .environment(let failure) = error else { Issue.record("wrong kind: \(error)"); return }
            #expect(failure.phase == .resolvingBuildRequirements)
            #expect(error.description.contains("no version of kiln-base matches"))
        }
        #expect(!FileManager.default.fileExists(atPath: rig.work.file("runs.log")))
    }

    @Test func aRaisingBackendFailsWithTheLogTailAndPublishesNothing() async throws {
        let rig = try await BuildRig.make()
        var fixture = SdistFixture()
        fixture.raisingHook = "build_wheel"
        fixture.stdoutText = "compiling things"
        let sdist = try fixture.writeSdist(in: rig.work.path)
        let kept = Mutex<[String]>([])
        let options = try rig.options()
        do {
            _ = try await rig.service(events: { event in if case .logKept(let path) = event { kept.withLock { $0.append(path) } } })
                .buildWheel(sdist: sdist, into: rig.work.file("dist"), options: options)
            Issue.record("a raising backend built a wheel")
        } catch {
            guard case .backend(let failure) = error else { Issue.record("wrong kind: \(error)"); return }
            #expect(failure.phase == .building)
            #expect(failure.hook == .buildWheel)
            #expect(failure.reason == "RuntimeError: kiln test failure")
            #expect(failure.logTail.contains("compiling things"))
            #expect(failure.logTail.contains("RuntimeError: kiln test failure"))
            #expect(failure.logTail.count <= 40)
            let logPath = try #require(failure.logPath)
            #expect(FileManager.default.fileExists(atPath: logPath))
            #expect(kept.withLock { $0 } == [logPath])
            try? FileManager.default.removeItem(atPath: (logPath as NSString).deletingLastPathComponent)
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: rig.cache.path + "/built-wheels-v1/demo_pkg")) ?? []
        #expect(entries.filter { !$0.hasPrefix(".") }.isEmpty, "a failed build published \(entries)")
        #expect(!FileManager.default.fileExists(atPath: rig.work.file("dist")))
    }

    @Test func aSecondBuildIsACacheHitThatRunsNoBackend() async throws {
        let rig = try await BuildRig.make()
        var fixture = SdistFixture()
        fixture.runLog = rig.work.file("runs.log")
        let sdist = try fixture.writeSdist(in: rig.work.path)
        let hits = Mutex(0)
        let service = rig.service(events: { event in if case .cacheHit = event { hits.withLock { $0 += 1 } } })
        let first = try await service.buildWheel(sdist: sdist, into: rig.work.file("one"), options: try rig.options())
        let second = try await service.buildWheel(sdist: sdist, into: rig.work.file("two"), options: try rig.options())
        #expect(!first.report.cacheHit)
        #expect(second.report.cacheHit)
        #expect(second.report.hooks.isEmpty)
        #expect(hits.withLock { $0 } == 1)
        #expect(rig.lines(rig.work.file("runs.log")) == ["get_requires_for_build_wheel", "build_wheel"])
        #expect(try SHA256Hasher.hexDigest(ofFile: first.path) == SHA256Hasher.hexDigest(ofFile: second.path))
        #expect(first.report.wheel?.sha256 == second.report.wheel?.sha256)
        // Copies, not links into the cache: editing an output must not change the cached wheel.
        #expect(try FileStatus.of(first.path)?.linkCount == 1)
        #expect(try FileStatus.of(second.path)?.linkCount == 1)
        // Other config settings are another key: the backend runs again.
        _ = try await service.buildWheel(sdist: sdist, into: rig.work.file("three"), options: try rig.options(["x=1"]))
        #expect(rig.lines(rig.work.file("runs.log")).filter { $0 == "build_wheel" }.count == 2)
    }

    @Test func twoBuildsGiveByteIdenticalWheels() async throws {
        let rig = try await BuildRig.make()
        var fixture = SdistFixture()
        fixture.pkgInfoModificationTime = 1_650_000_000
        let sdist = try fixture.writeSdist(in: rig.work.path)
        let otherCache = try await CacheRoot.open(at: rig.work.file("cache2"), lockTimeout: .seconds(60))
        let first = try await rig.service().buildWheel(sdist: sdist, into: rig.work.file("one"), options: try rig.options())
        try await Task.sleep(for: .seconds(1.1))
        let second = try await rig.service(cache: otherCache).buildWheel(sdist: sdist, into: rig.work.file("two"), options: try rig.options())
        #expect(!second.report.cacheHit)
        #expect(try SHA256Hasher.hexDigest(ofFile: first.path) == SHA256Hasher.hexDigest(ofFile: second.path))
    }

    @Test func aSourceTreeIsBuiltInPlaceWithoutTheCache() async throws {
        let rig = try await BuildRig.make()
        var fixture = SdistFixture()
        fixture.runLog = rig.work.file("runs.log")
        let root = try fixture.writeTree(in: rig.work.path)
        let outcome = try await rig.service().buildWheel(tree: root, into: rig.work.file("dist"), options: try rig.options())
        #expect(FileManager.default.fileExists(atPath: outcome.path))
        let sdist = try await rig.service().buildSdist(tree: root, into: rig.work.file("dist"), options: try rig.options())
        #expect(sdist.path.hasSuffix("/dist/demo_pkg-1.0.tar.gz"))
        #expect(rig.lines(rig.work.file("runs.log")) == ["get_requires_for_build_wheel", "build_wheel", "get_requires_for_build_sdist", "build_sdist"])
    }

    @Test func aMisnamedSdistIsRefused() async throws {
        let rig = try await BuildRig.make()
        let fixture = SdistFixture(name: "other-project")
        let sdist = try fixture.writeSdist(in: rig.work.path)
        let renamed = rig.work.file("demo_pkg-1.0.tar.gz")
        try FileManager.default.moveItem(atPath: sdist, toPath: renamed)
        let options = try rig.options()
        do {
            _ = try await rig.service().buildWheel(sdist: renamed, into: rig.work.file("dist"), options: options)
            Issue.record("built an sdist whose PKG-INFO names another project")
        } catch {
            #expect(error == .input(.nameMismatch(file: "demo_pkg-1.0.tar.gz", expected: "demo_pkg", found: "other-project")))
        }
    }
}
