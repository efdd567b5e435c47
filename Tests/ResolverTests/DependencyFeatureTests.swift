import PackagingModel
import Resolver
import Testing

@Suite struct DependencyFeatureTests {
    @Test func extrasArePackagesAtTheBaseVersion() async throws {
        var index = InMemoryIndex()
        try index.add("black", "24.1", ["click", "ipython; extra == 'jupyter'"])
        try index.add("black", "23.1", ["click"])
        try index.add("click", "8.0")
        try index.add("ipython", "8.0")
        let resolution = try await resolve(index, ["black[jupyter]"])
        #expect(pins(resolution) == ["black[jupyter]==24.1", "click==8.0", "ipython==8.0"])
        #expect(pins(try await resolve(index, ["black"])) == ["black==24.1", "click==8.0"])
    }

    @Test func anExtraThatCannotBeSatisfiedMovesTheBase() async throws {
        var index = InMemoryIndex()
        try index.add("black", "24.1", ["ipython>=9; extra == 'jupyter'"])
        try index.add("black", "23.1", ["ipython; extra == 'jupyter'"])
        try index.add("ipython", "8.0")
        #expect(pins(try await resolve(index, ["black[jupyter]"])) == ["black[jupyter]==23.1", "ipython==8.0"])
    }

    @Test func markersAreEvaluatedForTheTarget() async throws {
        var index = InMemoryIndex()
        try index.add("foo", "1.0", ["tomli; python_version < '3.11'", "pywin32; sys_platform == 'win32'", "bar"])
        try index.add("tomli", "2.0")
        try index.add("bar", "1.0")
        #expect(pins(try await resolve(index, ["foo", "skipped; python_version < '3'"])) == ["bar==1.0", "foo==1.0"])
        #expect(pins(try await resolve(index, ["foo"], python: "3.10.4")) == ["bar==1.0", "foo==1.0", "tomli==2.0"])
    }

    @Test func constraintsRestrictWithoutAdding() async throws {
        var index = InMemoryIndex()
        try index.add("foo", "1.0", ["bar"])
        try index.add("bar", "1.0")
        try index.add("bar", "2.0")
        let resolution = try await resolve(index, ["foo"], constraints: ["bar<2", "unrelated==1"])
        #expect(pins(resolution) == ["bar==1.0", "foo==1.0"])
    }

    @Test func noDepsResolvesOnlyTheRequirements() async throws {
        var index = InMemoryIndex()
        try index.add("foo", "1.0", ["bar"])
        #expect(pins(try await resolve(index, ["foo"], options: ResolverOptions(noDependencies: true))) == ["foo==1.0"])
    }

    @Test func urlRequirementsPinOneVersion() async throws {
        var index = InMemoryIndex()
        try index.add("foo", "2.0")
        try index.addURL("https://example.org/foo-1.5-py3-none-any.whl", name: "foo", version: "1.5", dependencies: ["bar"])
        try index.add("bar", "1.0")
        let resolution = try await resolve(index, ["foo @ https://example.org/foo-1.5-py3-none-any.whl"])
        #expect(pins(resolution) == ["bar==1.0", "foo==1.5"])
        #expect(resolution.packages.last?.url == "https://example.org/foo-1.5-py3-none-any.whl")
    }

    @Test func aFailedMetadataBuildIsAFact() async throws {
        var index = InMemoryIndex()
        try index.add("foo", "2.0", sdistOnly: true, buildFailure: "setup.py: Cannot install on Python version 3.12.1")
        try index.add("foo", "1.0", sdistOnly: true)
        let recorder = WarningRecorder()
        let resolution = try await resolve(index, ["foo"], delegate: recorder)
        #expect(pins(resolution) == ["foo==1.0"])
        let expected = ResolutionWarning.passedOver(
            name: try PackageName("foo"), version: try Version("2.0"),
            reason: .buildFailed(BuildFailureSummary(
                phase: "get_requires", hook: "get_requires_for_build_wheel",
                message: "RuntimeError: setup.py: Cannot install on Python version 3.12.1",
                logTail: ["Traceback (most recent call last):", "RuntimeError: setup.py: Cannot install on Python version 3.12.1"]))
        )
        #expect(resolution.warnings == [expected])
        #expect(recorder.warnings.withLock { $0 } == [expected])
        #expect(expected.description
            == "foo 2.0 was passed over: its build failed (get_requires_for_build_wheel): RuntimeError: setup.py: Cannot install on Python version 3.12.1")
    }

    @Test func aFailedResolutionWarnsOfNothingAndListsTheBuildsInItsError() async throws {
        var index = InMemoryIndex()
        try index.add("foo", "2.0", sdistOnly: true, buildFailure: "no compiler")
        let recorder = WarningRecorder()
        let result = try #require(await failure(index, ["foo"], delegate: recorder))
        #expect(recorder.warnings.withLock { $0 }.isEmpty)
        #expect(result.hints == ["""
            1 build of foo failed:
              foo 2.0: failed in get_requires (get_requires_for_build_wheel): RuntimeError: no compiler
                last 2 lines of its build log:
                  Traceback (most recent call last):
                  RuntimeError: no compiler
            """])
    }

    @Test func metadataIsAskedOfTheFileThePinNames() async throws {
        var index = InMemoryIndex()
        let wheel = DistributionFile(filename: "foo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl", kind: .wheel(tagPriority: 3))
        let generic = DistributionFile(filename: "foo-1.0-py3-none-any.whl", kind: .wheel(tagPriority: 40))
        let sdist = DistributionFile(filename: "foo-1.0.tar.gz", kind: .sourceDistribution)
        try index.add("foo", "1.0", files: [sdist, generic, wheel])
        let resolution = try await resolve(index, ["foo"])
        #expect(resolution.packages.first?.file == wheel)
        #expect(index.asked.all == ["foo==1.0 from foo-1.0-cp312-cp312-manylinux_2_17_x86_64.whl"])

        var binaryless = InMemoryIndex()
        try binaryless.add("foo", "1.0", files: [sdist, generic, wheel])
        let fromSource = try await resolve(binaryless, ["foo"], options: ResolverOptions(noBinary: .all))
        #expect(fromSource.packages.first?.file == sdist)
        #expect(binaryless.asked.all == ["foo==1.0 from foo-1.0.tar.gz"])
    }

    @Test func failedBuildsStopAfterTheLimit() async throws {
        var index = InMemoryIndex()
        for minor in 1...6 {
            try index.add("foo", "1.\(minor)", sdistOnly: true, buildFailure: "error in setup.py (1.\(minor))")
        }
        let result = try #require(await failure(index, ["foo"]))
        #expect(result.explanation == """
            Because foo<1.4 cannot be used: the limit of 3 failed metadata builds was reached and foo==1.4 cannot be used: its build failed (get_requires_for_build_wheel): RuntimeError: error in setup.py (1.4), we can conclude that foo<1.5 cannot be used.
            And because foo==1.5 cannot be used: its build failed (get_requires_for_build_wheel): RuntimeError: error in setup.py (1.5), we can conclude that foo<1.6 cannot be used.
            So, because foo==1.6 cannot be used: its build failed (get_requires_for_build_wheel): RuntimeError: error in setup.py (1.6) and you require foo, we can conclude that your requirements are unsatisfiable.
            """)
        let listing = try #require(result.hints.first)
        #expect(result.hints.count == 1)
        #expect(listing.hasPrefix("3 builds of foo failed:\n  foo 1.6: failed in get_requires (get_requires_for_build_wheel): RuntimeError: error in setup.py (1.6)\n"))
        for minor in 4...6 {
            #expect(listing.contains("  foo 1.\(minor): failed in get_requires (get_requires_for_build_wheel): RuntimeError: error in setup.py (1.\(minor))"))
            #expect(listing.contains("      RuntimeError: error in setup.py (1.\(minor))"))
        }
        for minor in 1...3 { #expect(!listing.contains("foo 1.\(minor):")) }
    }
}
