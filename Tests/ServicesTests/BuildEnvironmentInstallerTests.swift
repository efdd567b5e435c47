import BuildFrontend
import Foundation
import PackagingModel
import Python
import Services
import TestSupport
import Testing

/// The real `BuildEnvironmentInstaller`: kiln's resolver and installer filling a build venv.
@Suite(.enabled(if: PyenvInterpreters.isAvailable("3.12"), "needs CPython 3.12 from pyenv"))
struct BuildEnvironmentInstallerTests {
    private func setUp() async throws -> (ServicesTestRig, PackageRepository, Interpreter, VirtualEnvironment, TemporaryDirectory) {
        let repository = try PackageRepository()
        try repository.wheel("kiln-base", "1.0", requires: ["kiln-dep>=1"])
        try repository.wheel("kiln-dep", "1.0")
        try repository.wheel("kiln-dep", "2.0")
        let rig = try await ServicesTestRig(repository)
        let interpreter = try await InterpreterInspector(cacheDirectory: nil).inspect(try #require(PyenvInterpreters.path(for: "3.12")))
        let work = try TemporaryDirectory("kiln-build-env")
        let venv = try VenvCreator.create(at: work.file("env"), base: interpreter)
        return (rig, repository, interpreter, venv, work)
    }

    @Test func installsWithConstraintsAndReportsHashes() async throws {
        let (rig, repository, interpreter, venv, _) = try await setUp()
        let installer = ResolvingBuildEnvironmentInstaller(index: try rig.index(), cache: rig.cache, lockTimeout: .seconds(30))
        let installed = try await installer.install(
            [try Requirement("kiln-base")], constraints: [try Requirement("kiln-dep<2")], into: venv, interpreter: interpreter)
        let expected = repository.entries.filter { $0.filename == "kiln_base-1.0-py3-none-any.whl" || $0.filename == "kiln_dep-1.0-py3-none-any.whl" }
        #expect(Set(installed) == Set(expected.map {
            ResolvedBuildRequirement(name: $0.project, version: "1.0", sha256: $0.sha256)
        }))
        #expect(FileManager.default.fileExists(atPath: venv.sitePackages + "/kiln_dep-1.0.dist-info/METADATA"))
    }

    @Test func anUnresolvableRequirementIsAResolvingError() async throws {
        let (rig, _, interpreter, venv, _) = try await setUp()
        let installer = ResolvingBuildEnvironmentInstaller(index: try rig.index(), cache: rig.cache, lockTimeout: .seconds(30))
        let requirement = try Requirement("kiln-dep>=3")
        do {
            _ = try await installer.install([requirement], constraints: [], into: venv, interpreter: interpreter)
            Issue.record("resolved kiln-dep>=3")
        } catch {
            #expect(error.stage == .resolving)
            #expect(error.message.contains("kiln-dep"))
        }
    }
}
