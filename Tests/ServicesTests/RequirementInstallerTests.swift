import Foundation
import Install
import PackagingModel
import Services
import TestSupport
import Testing

@Suite struct RequirementInstallerTests {
    private func installer(_ rig: ServicesTestRig, into directory: TemporaryDirectory) throws -> RequirementInstaller {
        let target = InstallTarget.directory(directory.path, pythonExecutable: "/usr/bin/python3")
        return RequirementInstaller(
            resolver: try rig.resolver(),
            installer: InstallService(cache: rig.cache, target: target, lockTimeout: .seconds(30)))
    }

    private func entries(_ texts: String...) throws -> [RequirementEntry] {
        try texts.map { RequirementEntry(requirement: try Requirement($0)) }
    }

    private func repository() throws -> PackageRepository {
        let repository = try PackageRepository()
        try repository.wheel("app", "1.0", requires: ["lib>=1"])
        try repository.wheel("lib", "1.0")
        try repository.wheel("lib", "2.0")
        return repository
    }

    @Test func installsTheResolutionThenLeavesItAlone() async throws {
        let rig = try await ServicesTestRig(try repository())
        let site = try TemporaryDirectory("kiln-services-site")
        let plan = try await installer(rig, into: site).run(RequirementInstallRequest(requirements: try entries("app")))
        #expect(plan.changes.map { "\($0.name)==\($0.version)" } == ["app==1.0", "lib==2.0"])
        #expect(FileManager.default.fileExists(atPath: site.file("app/__init__.py")))
        #expect(FileManager.default.fileExists(atPath: site.file("lib-2.0.dist-info/METADATA")))

        // Already satisfied: nothing changes and the index is not asked at all.
        try rig.server.clear()
        let again = try await installer(rig, into: site).run(RequirementInstallRequest(requirements: try entries("app")))
        #expect(again.changes.isEmpty)
        #expect(Set(again.unchanged.map(\.normalized)) == ["app", "lib"])
        #expect(try rig.server.requests().isEmpty)
    }

    @Test func upgradeAndPinsReplaceInstalledVersions() async throws {
        let rig = try await ServicesTestRig(try repository())
        let site = try TemporaryDirectory("kiln-services-site")
        _ = try await installer(rig, into: site).run(RequirementInstallRequest(requirements: try entries("lib==1.0")))
        let kept = try await installer(rig, into: site).run(RequirementInstallRequest(requirements: try entries("lib")))
        #expect(kept.changes.isEmpty)
        let upgraded = try await installer(rig, into: site).run(RequirementInstallRequest(requirements: try entries("lib"), upgrade: true))
        #expect(upgraded.changes.map { "\($0.name) \($0.version) \($0.replacing ?? "-")" } == ["lib 2.0 1.0"])
        #expect(FileManager.default.fileExists(atPath: site.file("lib-2.0.dist-info/METADATA")))
        #expect(!FileManager.default.fileExists(atPath: site.file("lib-1.0.dist-info")))
    }

    @Test func dryRunChangesNothing() async throws {
        let rig = try await ServicesTestRig(try repository())
        let site = try TemporaryDirectory("kiln-services-site")
        let plan = try await installer(rig, into: site).run(RequirementInstallRequest(requirements: try entries("app"), dryRun: true))
        #expect(plan.changes.count == 2)
        #expect(!FileManager.default.fileExists(atPath: site.file("app")))
    }

    @Test func hashesAreChecked() async throws {
        let repository = try repository()
        let rig = try await ServicesTestRig(repository)
        let site = try TemporaryDirectory("kiln-services-site")
        let lib = try #require(repository.entries.first { $0.filename.hasPrefix("lib-2.0") })
        let wrong = String(repeating: "0", count: 64)
        await #expect(throws: RequirementsError.hashNotAllowed(name: try PackageName("lib"), filename: lib.filename, actual: lib.sha256, allowed: [wrong])) {
            _ = try await installer(rig, into: site).run(RequirementInstallRequest(
                requirements: [RequirementEntry(requirement: try Requirement("lib"), sha256: [wrong])]))
        }
        await #expect(throws: RequirementsError.missingHash(name: try PackageName("lib"))) {
            _ = try await installer(rig, into: site).run(RequirementInstallRequest(requirements: try entries("lib"), requireHashes: true))
        }
        let plan = try await installer(rig, into: site).run(RequirementInstallRequest(
            requirements: [RequirementEntry(requirement: try Requirement("lib"), sha256: [lib.sha256])]))
        #expect(plan.changes.count == 1)
    }

    @Test func anSdistOnlyPickIsAClearError() async throws {
        let repository = try PackageRepository()
        try repository.sdist("source-only", "1.0")
        let rig = try await ServicesTestRig(repository)
        let site = try TemporaryDirectory("kiln-services-site")
        await #expect {
            _ = try await installer(rig, into: site).run(RequirementInstallRequest(requirements: try entries("source-only")))
        } throws: { error in
            guard case RequirementsError.sdistNeedsBuild(let name, _, _) = error else { return false }
            return name.normalized == "source-only" && String(describing: error).contains("from wheels only")
        }
    }
}
