import PackagingModel
import Resolver
import Services
import Testing

/// The provider's `listing(of:)` builds a version's files only when asked; what it builds must
/// be what `versions(of:)` lists, version for version and file for file.
@Suite struct LazyVersionListingTests {
    @Test func theListingHoldsTheSameVersionsAndFilesAsTheEagerList() async throws {
        let repository = try PackageRepository()
        try repository.wheel("mixed", "1.0")
        try repository.sdist("mixed", "1.0", metadataVersion: "2.1")
        try repository.wheel("mixed", "2.0", tag: "cp312-cp312-win_amd64")
        try repository.wheel("mixed", "2.0", tag: "cp311-cp311-win_amd64")
        try repository.wheel("mixed", "1.5", requiresPython: ">=3.7,<3.10")
        try repository.wheel("mixed", "3.0b1", tag: "py312-none-any")
        let rig = try await ServicesTestRig(repository)
        let provider = IndexMetadataProvider(index: try rig.index(), tags: ServicesTestRig.target.tags,
                                             pythonVersion: ServicesTestRig.target.environment.pythonVersion)
        let name = try PackageName("mixed")
        let eager = try await provider.versions(of: name)
        let listing = try await provider.listing(of: name)
        #expect(listing.versions == eager.map(\.version))
        #expect(listing.versions == (try ["3.0b1", "2.0", "1.5", "1.0"].map { try Version($0) }))
        for (index, listed) in eager.enumerated() {
            #expect(listing.files(at: index) == listed.files, "\(listed.version)")
        }
        // Of two wheels that fit nowhere, one stays (enough to say the version has wheels).
        #expect(listing.files(at: 1).count == 1)
        #expect(listing.files(at: 2).first?.requiresPython == (try SpecifierSet(">=3.7,<3.10")))
        #expect(Set(listing.files(at: 3).map(\.isWheel)) == [true, false])
        #expect(try await provider.listing(of: try PackageName("absent")).versions.isEmpty)
    }
}
