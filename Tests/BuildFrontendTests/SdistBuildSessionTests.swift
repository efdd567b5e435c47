import Foundation
import Cache
import Testing
import TestSupport
@testable import BuildFrontend

/// Metadata of sdists through `SdistBuildSession`: the hook, the full-build fallback, the
/// metadata cache, and the environment shared by the metadata hook and the build.
@Suite(needsPython311) struct SdistBuildSessionTests {
    private func metadataText(_ prepared: PreparedMetadata) -> String { String(decoding: prepared.metadata, as: UTF8.self) }

    @Test func metadataComesFromTheHookOnceAndThenFromTheCache() async throws {
        let rig = try await BuildRig.make()
        var fixture = SdistFixture(name: "dyn", version: "1.0")
        fixture.requiresDist = ["six>=1.16", "idna; extra == 'net'"]
        fixture.runLog = rig.work.file("runs.log")
        let sdist = try fixture.writeSdist(in: rig.work.path)
        let first = try await rig.service().prepareMetadata(sdist: sdist, options: try rig.options())
        #expect(first.origin == .hook)
        #expect(metadataText(first).contains("Requires-Dist: six>=1.16\n"))
        #expect(metadataText(first).contains("Requires-Dist: idna; extra == 'net'\n"))
        let again = try await rig.service().prepareMetadata(sdist: sdist, options: try rig.options())
        #expect(again == PreparedMetadata(metadata: first.metadata, origin: .metadataCache))
        #expect(rig.lines(fixture.runLog ?? "") == ["get_requires_for_build_wheel", "prepare_metadata_for_build_wheel"])
        // Another config setting is another key: the hook runs again.
        let other = try await rig.service().prepareMetadata(sdist: sdist, options: try rig.options(["mode=other"]))
        #expect(other.origin == .hook)
    }

    @Test func withoutTheHookTheWheelIsBuiltOnceAndCached() async throws {
        let rig = try await BuildRig.make()
        var fixture = SdistFixture(name: "nohook", version: "2.0")
        fixture.omittedHooks = ["prepare_metadata_for_build_wheel"]
        fixture.requiresDist = ["six"]
        fixture.runLog = rig.work.file("runs.log")
        let sdist = try fixture.writeSdist(in: rig.work.path)
        let prepared = try await rig.service().prepareMetadata(sdist: sdist, options: try rig.options())
        #expect(prepared.origin == .wheelBuild)
        #expect(metadataText(prepared).contains("Requires-Dist: six\n"))
        let built = try await rig.service().buildWheel(sdist: sdist, into: rig.work.file("dist"), options: try rig.options())
        #expect(built.report.cacheHit)
        #expect(FileManager.default.fileExists(atPath: built.path))
        #expect(rig.lines(fixture.runLog ?? "") == ["get_requires_for_build_wheel", "build_wheel"])
    }

    @Test func aBuiltWheelInTheCacheAnswersWithoutAHook() async throws {
        let rig = try await BuildRig.make()
        var fixture = SdistFixture(name: "prebuilt", version: "1.0")
        fixture.requiresDist = ["six"]
        fixture.runLog = rig.work.file("runs.log")
        let sdist = try fixture.writeSdist(in: rig.work.path)
        _ = try await rig.service().buildWheel(sdist: sdist, into: rig.work.file("dist"), options: try rig.options())
        let prepared = try await rig.service().prepareMetadata(sdist: sdist, options: try rig.options())
        #expect(prepared.origin == .builtWheelCache)
        #expect(metadataText(prepared).contains("Requires-Dist: six\n"))
        #expect(rig.lines(fixture.runLog ?? "") == ["get_requires_for_build_wheel", "build_wheel"])
    }

    @Test func oneSessionPreparesTheEnvironmentOnceForMetadataAndWheel() async throws {
        let rig = try await BuildRig.make()
        var fixture = SdistFixture(name: "shared", version: "1.0")
        fixture.buildRequires = ["flit_core"]
        fixture.runLog = rig.work.file("runs.log")
        let sdist = try fixture.writeSdist(in: rig.work.path)
        let session = rig.service().session(sdist: sdist, options: try rig.options())
        let prepared = try await session.metadata()
        let built = try await session.wheel(into: rig.work.file("dist"))
        await session.close()
        #expect(prepared.origin == .hook)
        #expect(!built.report.cacheHit)
        #expect(rig.lines(fixture.runLog ?? "") == ["get_requires_for_build_wheel", "prepare_metadata_for_build_wheel", "build_wheel"])
        // build-system.requires went into one environment, once.
        #expect(rig.installer.requests == [["flit_core"]])
    }

    @Test func aFailingMetadataHookIsABackendFailureWithItsPhaseAndLogAndCachesNothing() async throws {
        let rig = try await BuildRig.make()
        var fixture = SdistFixture(name: "broken", version: "1.0")
        fixture.raisingHook = "prepare_metadata_for_build_wheel"
        let sdist = try fixture.writeSdist(in: rig.work.path)
        await #expect {
            _ = try await rig.service().prepareMetadata(sdist: sdist, options: try rig.options())
        } throws: { error in
            guard case .backend(let failure) = error as? BuildError else { return false }
            return failure.phase == .preparingMetadata && failure.hook == .prepareMetadataForBuildWheel
                && failure.logTail.last { !$0.isEmpty } == "RuntimeError: kiln test failure"
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: rig.work.file("cache/built-metadata-v1/broken"))) ?? []
        #expect(entries.allSatisfy { $0.hasPrefix(".") })
    }
}
