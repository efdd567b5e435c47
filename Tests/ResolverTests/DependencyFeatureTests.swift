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
        let expected = ResolutionWarning.versionUnusable(
            name: try PackageName("foo"), version: try Version("2.0"),
            reason: "setup.py: Cannot install on Python version 3.12.1"
        )
        #expect(resolution.warnings == [expected])
        #expect(recorder.warnings.withLock { $0 } == [expected])
        #expect(expected.description == "skipping foo==2.0: setup.py: Cannot install on Python version 3.12.1")
    }

    @Test func failedBuildsStopAfterTheLimit() async throws {
        var index = InMemoryIndex()
        for minor in 1...6 {
            try index.add("foo", "1.\(minor)", sdistOnly: true, buildFailure: "error in setup.py (1.\(minor))")
        }
        let result = try #require(await failure(index, ["foo"]))
        #expect(result.explanation == """
            Because foo<1.4 cannot be used: the limit of 3 failed metadata builds was reached and foo==1.4 cannot be used: its metadata could not be obtained: error in setup.py (1.4), we can conclude that foo<1.5 cannot be used.
            And because foo==1.5 cannot be used: its metadata could not be obtained: error in setup.py (1.5), we can conclude that foo<1.6 cannot be used.
            So, because foo==1.6 cannot be used: its metadata could not be obtained: error in setup.py (1.6) and you require foo, we can conclude that your requirements are unsatisfiable.
            """)
        #expect(result.hints == [
            "the metadata of 3 version(s) of foo could not be built: foo==1.6: error in setup.py (1.6); "
                + "foo==1.5: error in setup.py (1.5); foo==1.4: error in setup.py (1.4)",
        ])
    }
}
