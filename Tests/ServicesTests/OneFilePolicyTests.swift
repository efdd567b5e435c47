import PackagingModel
import Resolver
import Services
import Testing

/// Metadata, pin and download are one file: the file the candidate policy chose.
@Suite struct OneFilePolicyTests {
    /// The wheel and the sdist of one version disagree about their dependencies (as a
    /// platform-specific build may): whichever file is pinned is the one whose metadata counted.
    @Test func theDependenciesAreThoseOfThePinnedFile() async throws {
        let repository = try PackageRepository()
        try repository.wheel("mixed", "1.0", requires: ["fromwheel"])
        try repository.sdist("mixed", "1.0", requires: ["fromsdist"])
        try repository.wheel("fromwheel", "1.0")
        try repository.wheel("fromsdist", "1.0")
        let rig = try await ServicesTestRig(repository)

        let wheelFirst = try await rig.resolver().resolve([RequirementEntry(requirement: try Requirement("mixed"))])
        #expect(wheelFirst.resolution.packages.map(\.description) == ["fromwheel==1.0", "mixed==1.0"])
        #expect(wheelFirst.resolution.packages.last?.file?.filename == "mixed-1.0-py3-none-any.whl")
        await wheelFirst.provider.finish()

        let noBinary = ResolverOptions(noBinary: .some([try PackageName("mixed")]))
        let fromSource = try await rig.resolver(noBinary).resolve([RequirementEntry(requirement: try Requirement("mixed"))])
        #expect(fromSource.resolution.packages.map(\.description) == ["fromsdist==1.0", "mixed==1.0"])
        #expect(fromSource.resolution.packages.last?.file?.filename == "mixed-1.0.tar.gz")
        await fromSource.provider.finish()
    }

    @Test func aFileTheIndexDoesNotListIsAnInconsistencyNotAnotherFile() async throws {
        let repository = try PackageRepository()
        try repository.wheel("only", "1.0")
        let rig = try await ServicesTestRig(repository)
        let provider = try rig.resolver().makeProvider()
        let name = try PackageName("only")
        _ = try await provider.versions(of: name)
        let other = DistributionFile(filename: "only-1.0.tar.gz", kind: .sourceDistribution)
        let result = await provider.dependencies(of: name, version: try Version("1.0"), file: other)
        #expect(result == .unusable(.fileNotListed(file: "only-1.0.tar.gz")))
        await provider.finish()
    }
}
