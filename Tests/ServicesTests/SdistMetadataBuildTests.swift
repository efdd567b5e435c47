import BuildFrontend
import Foundation
import PackagingModel
import Python
import Resolver
import Services
import TestSupport
import Testing

/// The provider over sdists that need a build: prefetching never builds, asking does (once).
@Suite(.enabled(if: PyenvInterpreters.isAvailable("3.12"), "needs CPython 3.12 from pyenv"))
struct SdistMetadataBuildTests {
    @Test func aPrefetchNeverStartsABuildAndTheLaterAskDoes() async throws {
        let work = try TemporaryDirectory("kiln-sdist-metadata")
        let repository = try PackageRepository()
        func runs(_ version: String) -> [String] {
            ((try? String(contentsOfFile: work.file("cnt-\(version).runs"), encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
        for version in ["2.0", "3.0"] {
            var fixture = SdistFixture(name: "cnt", version: version)
            fixture.requiresDist = ["dep>=1"]
            fixture.runLog = work.file("cnt-\(version).runs")
            try repository.file("cnt", copying: try fixture.writeSdist(in: work.path))
        }
        try repository.wheel("dep", "1.0")
        let rig = try await ServicesTestRig(repository)
        let interpreter = try await InterpreterInspector(cacheDirectory: nil).inspect(try #require(PyenvInterpreters.path(for: "3.12")))
        let index = try rig.index()
        let service = BuildService(cache: rig.cache, target: interpreter, venvBase: interpreter, lockTimeout: .seconds(60))
        let installer = ResolvingBuildEnvironmentInstaller(index: index, cache: rig.cache, lockTimeout: .seconds(60))
        let builds = SdistBuilds(service: service, options: BuildOptions(isolation: .isolated(installer), environment: ProcessInfo.processInfo.environment))
        let provider = IndexMetadataProvider(
            index: index, tags: TagPriority(interpreter.compatibleTags), pythonVersion: interpreter.fullVersion,
            sdists: BuildingSdistMetadataSource(builds: builds))
        let name = try PackageName("cnt")
        let listed = try await provider.versions(of: name)
        let file = { (version: String) throws -> DistributionFile in
            try #require(listed.first { $0.version == (try Version(version)) }?.files.first)
        }

        await provider.prefetch([.dependencies(name, try Version("3.0"), try file("3.0"))])
        let asked = await provider.dependencies(of: name, version: try Version("2.0"), file: try file("2.0"))
        #expect(asked == .metadata(PackageMetadata(requirements: [try Requirement("dep>=1")])))
        #expect(runs("2.0") == ["get_requires_for_build_wheel", "prepare_metadata_for_build_wheel"])
        // The prefetch downloaded 3.0 and read its PKG-INFO (untrustworthy: 2.1) but built nothing.
        #expect(try rig.transfers(of: "cnt-3.0.tar.gz").whole == 1)
        #expect(runs("3.0").isEmpty)

        // Asked for, it is built, once, however often it is asked.
        for _ in 0..<2 {
            let later = await provider.dependencies(of: name, version: try Version("3.0"), file: try file("3.0"))
            #expect(later == .metadata(PackageMetadata(requirements: [try Requirement("dep>=1")])))
        }
        #expect(runs("3.0") == ["get_requires_for_build_wheel", "prepare_metadata_for_build_wheel"])
        await provider.finish()
        await builds.finish()
    }

    @Test func aFailedBuildIsATypedFactWithItsPhaseAndLogTail() async throws {
        let work = try TemporaryDirectory("kiln-sdist-metadata")
        let repository = try PackageRepository()
        var fixture = SdistFixture(name: "bad", version: "1.0")
        fixture.raisingHook = "get_requires_for_build_wheel"
        try repository.file("bad", copying: try fixture.writeSdist(in: work.path))
        let rig = try await ServicesTestRig(repository)
        let interpreter = try await InterpreterInspector(cacheDirectory: nil).inspect(try #require(PyenvInterpreters.path(for: "3.12")))
        let index = try rig.index()
        let installer = ResolvingBuildEnvironmentInstaller(index: index, cache: rig.cache, lockTimeout: .seconds(60))
        let builds = SdistBuilds(
            service: BuildService(cache: rig.cache, target: interpreter, venvBase: interpreter, lockTimeout: .seconds(60)),
            options: BuildOptions(isolation: .isolated(installer), environment: ProcessInfo.processInfo.environment))
        let provider = IndexMetadataProvider(
            index: index, tags: TagPriority(interpreter.compatibleTags), pythonVersion: interpreter.fullVersion,
            sdists: BuildingSdistMetadataSource(builds: builds))
        let listed = try await provider.versions(of: try PackageName("bad"))
        let file = try #require(listed.first?.files.first)
        let result = await provider.dependencies(of: try PackageName("bad"), version: try Version("1.0"), file: file)
        await provider.finish()
        await builds.finish()
        guard case .unusable(.buildFailed(let failure)) = result else {
            Issue.record("expected a failed build, got \(result)")
            return
        }
        #expect(failure.phase == "get_requires")
        #expect(failure.hook == "get_requires_for_build_wheel")
        #expect(failure.message == "RuntimeError: kiln test failure")
        #expect(failure.lastLine == "RuntimeError: kiln test failure")
        #expect(failure.logTail.contains("Traceback (most recent call last):"))
    }

    /// The seam the installer uses: after the resolver's `metadata(for:)`, `wheel(for:into:)` of
    /// the same sdist builds in the environment the metadata build prepared (get_requires ran once).
    @Test func theWheelOfAnSdistWhoseMetadataWasBuiltReusesItsEnvironment() async throws {
        let work = try TemporaryDirectory("kiln-sdist-builds")
        var fixture = SdistFixture(name: "both", version: "1.0")
        fixture.runLog = work.file("runs")
        let path = try fixture.writeSdist(in: work.path)
        let interpreter = try await InterpreterInspector(cacheDirectory: nil).inspect(try #require(PyenvInterpreters.path(for: "3.12")))
        let rig = try await ServicesTestRig(try PackageRepository())
        let installer = ResolvingBuildEnvironmentInstaller(index: try rig.index(), cache: rig.cache, lockTimeout: .seconds(60))
        let builds = SdistBuilds(
            service: BuildService(cache: rig.cache, target: interpreter, venvBase: interpreter, lockTimeout: .seconds(60)),
            options: BuildOptions(isolation: .isolated(installer), environment: ProcessInfo.processInfo.environment))
        let sdist = LocalSdist(path: path, sha256: String(repeating: "a", count: 64))
        let metadata = try await builds.metadata(for: sdist).get()
        let wheel = try await builds.wheel(for: sdist, into: work.file("dist")).get()
        await builds.finish()
        #expect(metadata.origin == .hook)
        #expect(wheel.path == work.file("dist/") + fixture.wheelFilename)
        #expect(FileManager.default.fileExists(atPath: wheel.path))
        let runs = try String(contentsOfFile: work.file("runs"), encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(runs == ["get_requires_for_build_wheel", "prepare_metadata_for_build_wheel", "build_wheel"])
    }
}
