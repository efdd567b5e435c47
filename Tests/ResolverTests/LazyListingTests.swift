import PackagingModel
import Resolver
import Synchronization
import Testing

/// `InMemoryIndex` answering `listing(of:)` itself, counting the versions whose files the
/// resolver had built.
private struct CountingListingIndex: MetadataProvider {
    let base: InMemoryIndex
    let built = BuiltVersions()

    func versions(of name: PackageName) async throws(MetadataProviderError) -> [CandidateVersion] {
        try await base.versions(of: name)
    }

    func listing(of name: PackageName) async throws(MetadataProviderError) -> VersionListing {
        // Oldest first on purpose: the listing puts them newest first itself.
        let listed = try await base.versions(of: name).sorted { $0.version < $1.version }
        return VersionListing(versions: listed.map(\.version), files: { [built] index in
            built.record("\(name)==\(listed[index].version)")
            return listed[index].files
        })
    }

    func candidate(for name: PackageName, url: String) async throws(MetadataProviderError) -> CandidateVersion {
        try await base.candidate(for: name, url: url)
    }

    func dependencies(of name: PackageName, version: Version, file: DistributionFile) async -> MetadataResult {
        await base.dependencies(of: name, version: version, file: file)
    }
}

/// The versions whose files were built, in order.
private final class BuiltVersions: Sendable {
    private let versions = Mutex<[String]>([])
    func record(_ version: String) { versions.withLock { $0.append(version) } }
    var all: [String] { versions.withLock { $0 } }
}

@Suite struct LazyListingTests {
    private func manyVersions() throws -> InMemoryIndex {
        var index = InMemoryIndex()
        for minor in 0..<60 { try index.add("foo", "1.\(minor)", ["bar<2"]) }
        for major in 1...3 { try index.add("bar", "\(major).0") }
        try index.add("bar", "1.5", requiresPython: "<3")
        return index
    }

    private func resolveCounting(_ index: InMemoryIndex, _ requirements: [String], options: ResolverOptions = ResolverOptions())
        async throws -> (pins: [String], built: [String]) {
        let provider = CountingListingIndex(base: index)
        let resolver = Resolver(provider: provider, environment: try cpython(), options: options)
        let resolution = try await resolver.resolve(try requirements.map { try Requirement($0) }, constraints: [])
        return (pins(resolution), provider.built.all)
    }

    @Test func onlyTheVersionsLookedAtHaveTheirFilesBuilt() async throws {
        let index = try manyVersions()
        let lazy = try await resolveCounting(index, ["foo"])
        #expect(lazy.pins == ["bar==1.0", "foo==1.59"])
        #expect(lazy.pins == pins(try await resolve(index, ["foo"])))
        // foo: the newest and its neighbour below (the range a fact about 1.59 covers);
        // bar: walked down from 3.0 past 1.5 (excluded by requires-python) to 1.0.
        #expect(!lazy.built.contains("foo==1.0"))
        #expect(lazy.built.count < 10, "built: \(lazy.built)")
    }

    @Test func lazyAndEagerListingsResolveAlike() async throws {
        let index = try manyVersions()
        for requirements in [["foo"], ["foo<1.10"], ["foo", "bar>=1.5"], ["foo==1.3", "bar"]] {
            for strategy in [ResolverOptions.Strategy.highest, .lowest] {
                let options = ResolverOptions(strategy: strategy)
                let eager: String
                do {
                    eager = pins(try await resolve(index, requirements, options: options)).joined(separator: " ")
                } catch {
                    eager = "error: \(error)"
                }
                let lazy: String
                do {
                    lazy = try await resolveCounting(index, requirements, options: options).pins.joined(separator: " ")
                } catch {
                    lazy = "error: \(error)"
                }
                #expect(lazy == eager, "\(requirements) \(strategy)")
            }
        }
    }
}
