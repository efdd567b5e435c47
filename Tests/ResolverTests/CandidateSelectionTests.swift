import PackagingModel
import Resolver
import Testing

@Suite struct CandidateSelectionTests {
    @Test func newestFirstAndLowestStrategy() async throws {
        var index = InMemoryIndex()
        for version in ["1.0", "1.5", "2.0"] { try index.add("foo", version) }
        #expect(pins(try await resolve(index, ["foo"])) == ["foo==2.0"])
        #expect(pins(try await resolve(index, ["foo"], options: ResolverOptions(strategy: .lowest))) == ["foo==1.0"])
    }

    @Test func preReleasesOnlyWhenNamedOrNothingElseFits() async throws {
        var index = InMemoryIndex()
        try index.add("foo", "1.0")
        try index.add("foo", "2.0b1")
        try index.add("bar", "1.0rc1")
        #expect(pins(try await resolve(index, ["foo"])) == ["foo==1.0"])
        #expect(pins(try await resolve(index, ["foo>=2.0b1"])) == ["foo==2.0b1"])
        #expect(pins(try await resolve(index, ["foo>=1.5"])) == ["foo==2.0b1"])
        #expect(pins(try await resolve(index, ["bar"])) == ["bar==1.0rc1"])
    }

    @Test func yankedOnlyWhenPinned() async throws {
        var index = InMemoryIndex()
        try index.add("foo", "1.0")
        try index.add("foo", "2.0", yanked: "broken build")
        #expect(pins(try await resolve(index, ["foo"])) == ["foo==1.0"])
        #expect(pins(try await resolve(index, ["foo==2.0"])) == ["foo==2.0"])
        let result = try #require(await failure(index, ["foo>=2"]))
        #expect(result.explanation == "Because only foo<2 is available and you require foo>=2, "
            + "we can conclude that your requirements are unsatisfiable.")
        #expect(result.hints == ["foo==2.0 is yanked (reason: broken build); pin it with ==2.0 to use it anyway"])
    }

    @Test func localVersionsSatisfyPublicPins() async throws {
        var index = InMemoryIndex()
        try index.add("torch", "2.3.0+cu118")
        try index.add("torch", "2.2.0")
        #expect(pins(try await resolve(index, ["torch==2.3.0"])) == ["torch==2.3.0+cu118"])
        let result = try #require(await failure(index, ["torch==2.3.0+cpu"]))
        #expect(result.hints == [
            "torch has 2.3.0+cu118, local version(s) of 2.3.0; ==2.3.0 would match them, ==2.3.0+cpu matches only that label",
        ])
    }

    /// Failure mode 4 of DESIGN.md: the upper bound of requires-python counts.
    @Test func requiresPythonUpperBoundsExcludeVersions() async throws {
        var index = InMemoryIndex()
        try index.add("llvmlite", "0.37.0", requiresPython: ">=3.7,<3.10", sdistOnly: true)
        try index.add("llvmlite", "0.36.0", requiresPython: ">=3.7,<3.10", sdistOnly: true)
        try index.add("llvmlite", "0.35.0", requiresPython: ">=3.6", sdistOnly: true)
        #expect(pins(try await resolve(index, ["llvmlite<0.38"])) == ["llvmlite==0.35.0"])
        #expect(pins(try await resolve(index, ["llvmlite<0.38"], python: "3.9.18")) == ["llvmlite==0.37.0"])
        let result = try #require(await failure(index, ["llvmlite>=0.36"]))
        #expect(result.explanation == "Because only llvmlite<0.36 is compatible with Python 3.12.1 and you require "
            + "llvmlite>=0.36, we can conclude that your requirements are unsatisfiable.")
        #expect(result.hints == [
            "llvmlite 0.37.0, 0.36.0 were skipped because their requires-python (<3.10,>=3.7) excludes Python 3.12.1",
        ])
    }

    @Test func wheelChoiceAndBinaryOptions() async throws {
        var index = InMemoryIndex()
        try index.add("foo", "2.0", files: [DistributionFile(filename: "foo-2.0.tar.gz", kind: .sourceDistribution)])
        try index.add("foo", "1.0", files: [
            DistributionFile(filename: "foo-1.0-py310-none-any.whl", kind: .wheel(tagPriority: 7)),
            DistributionFile(filename: "foo-1.0-py312-none-any.whl", kind: .wheel(tagPriority: 2)),
            DistributionFile(filename: "foo-1.0-cp27-none-any.whl", kind: .wheel(tagPriority: nil)),
            DistributionFile(filename: "foo-1.0.tar.gz", kind: .sourceDistribution),
        ])
        #expect(pins(try await resolve(index, ["foo"])) == ["foo==2.0"])
        let preferBinary = try await resolve(index, ["foo"], options: ResolverOptions(preferBinary: true))
        #expect(preferBinary.packages.first?.file?.filename == "foo-1.0-py312-none-any.whl")
        let onlyBinary = try await resolve(index, ["foo"], options: ResolverOptions(onlyBinary: .all))
        #expect(pins(onlyBinary) == ["foo==1.0"])
        let noBinary = try await resolve(index, ["foo==1.0"], options: ResolverOptions(noBinary: .all))
        #expect(noBinary.packages.first?.file?.filename == "foo-1.0.tar.gz")
    }
}
