import PackagingModel
import Resolver
import Testing

/// The examples of PubGrub's documentation (Dart pub's solver.md), with `^1.0.0`
/// written as `>=1.0.0,<2.0.0`.
@Suite struct TextbookTests {
    @Test func noConflicts() async throws {
        var index = InMemoryIndex()
        try index.add("foo", "1.0.0", ["bar>=1.0.0,<2.0.0"])
        try index.add("bar", "1.0.0")
        try index.add("bar", "2.0.0")
        let resolution = try await resolve(index, ["foo>=1.0.0,<2.0.0"])
        #expect(pins(resolution) == ["bar==1.0.0", "foo==1.0.0"])
    }

    @Test func avoidingAConflictDuringDecisionMaking() async throws {
        var index = InMemoryIndex()
        try index.add("foo", "1.1.0", ["bar>=2.0.0,<3.0.0"])
        try index.add("foo", "1.0.0")
        try index.add("bar", "1.0.0")
        try index.add("bar", "1.1.0")
        try index.add("bar", "2.0.0")
        let resolution = try await resolve(index, ["foo>=1.0.0,<2.0.0", "bar>=1.0.0,<2.0.0"])
        #expect(pins(resolution) == ["bar==1.1.0", "foo==1.0.0"])
    }

    @Test func performingConflictResolution() async throws {
        var index = InMemoryIndex()
        try index.add("foo", "2.0.0", ["bar>=1.0.0,<2.0.0"])
        try index.add("foo", "1.0.0")
        try index.add("bar", "1.0.0", ["foo>=1.0.0,<2.0.0"])
        let resolution = try await resolve(index, ["foo>=1.0.0"])
        #expect(pins(resolution) == ["foo==1.0.0"])
    }

    @Test func conflictResolutionWithAPartialSatisfier() async throws {
        var index = InMemoryIndex()
        try index.add("foo", "1.1.0", ["left>=1.0.0,<2.0.0", "right>=1.0.0,<2.0.0"])
        try index.add("foo", "1.0.0")
        try index.add("left", "1.0.0", ["shared>=1.0.0"])
        try index.add("right", "1.0.0", ["shared<2.0.0"])
        try index.add("shared", "2.0.0")
        try index.add("shared", "1.0.0", ["target>=1.0.0,<2.0.0"])
        try index.add("target", "2.0.0")
        try index.add("target", "1.0.0")
        let resolution = try await resolve(index, ["foo>=1.0.0,<2.0.0", "target>=2.0.0,<3.0.0"])
        #expect(pins(resolution) == ["foo==1.0.0", "target==2.0.0"])
    }

    @Test func linearErrorReporting() async throws {
        var index = InMemoryIndex()
        try index.add("foo", "1.0.0", ["bar>=2.0.0,<3.0.0"])
        try index.add("bar", "2.0.0", ["baz>=3.0.0,<4.0.0"])
        try index.add("baz", "1.0.0")
        try index.add("baz", "3.0.0")
        let result = try #require(await failure(index, ["foo>=1.0.0,<2.0.0", "baz>=1.0.0,<2.0.0"]))
        #expect(result.explanation == """
            Because every version of foo depends on bar>=2.0.0,<3.0.0 which depends on baz>=3.0.0,<4.0.0, we can conclude that every version of foo requires baz>=3.0.0,<4.0.0.
            So, because you require both foo>=1.0.0,<2.0.0 and baz>=1.0.0,<2.0.0, we can conclude that your requirements are unsatisfiable.
            """)
    }

    @Test func branchingErrorReporting() async throws {
        var index = InMemoryIndex()
        try index.add("foo", "1.0.0", ["a>=1.0.0,<2.0.0", "b>=1.0.0,<2.0.0"])
        try index.add("foo", "1.1.0", ["x>=1.0.0,<2.0.0", "y>=1.0.0,<2.0.0"])
        try index.add("a", "1.0.0", ["b>=2.0.0,<3.0.0"])
        try index.add("b", "1.0.0")
        try index.add("b", "2.0.0")
        try index.add("x", "1.0.0", ["y>=2.0.0,<3.0.0"])
        try index.add("y", "1.0.0")
        try index.add("y", "2.0.0")
        let result = try #require(await failure(index, ["foo>=1.0.0,<2.0.0"]))
        #expect(result.explanation == """
                Because foo==1.0.0 depends on a>=1.0.0,<2.0.0 which depends on b>=2.0.0,<3.0.0, we can conclude that foo==1.0.0 requires b>=2.0.0,<3.0.0.
            (1) So, because foo==1.0.0 depends on b>=1.0.0,<2.0.0, we can conclude that foo==1.0.0 cannot be used.

                Because foo==1.1.0 depends on x>=1.0.0,<2.0.0 which depends on y>=2.0.0,<3.0.0, we can conclude that foo==1.1.0 requires y>=2.0.0,<3.0.0.
                And because foo==1.1.0 depends on y>=1.0.0,<2.0.0, we can conclude that foo==1.1.0 cannot be used.
                And because foo==1.0.0 cannot be used (1), we can conclude that every version of foo cannot be used.
                So, because you require foo>=1.0.0,<2.0.0, we can conclude that your requirements are unsatisfiable.
            """)
    }
}
