import PackagingModel
import Resolver
import Testing

@Suite struct UnusableReasonTests {
    @Test func onlyFailedBuildsCountTowardsTheBound() throws {
        let build = UnusableReason.buildFailed(BuildFailureSummary(phase: "building", hook: "build_wheel", message: "exit 1", logTail: []))
        #expect(build.countsAsBuildFailure)
        let others: [UnusableReason] = [
            .buildNeeded(file: "a-1.0.tar.gz"), .download(file: "a-1.0.tar.gz", detail: "HTTP 404"),
            .metadataUnreadable(file: "a-1.0-py3-none-any.whl", detail: "no Name"),
            .metadataMismatch(file: "a-1.0.tar.gz", found: "b 1.0", expected: "a 1.0"),
            .indexUnreadable(try PackageName("a")), .fileNotListed(file: "a-1.0.zip"),
        ]
        #expect(others.allSatisfy { !$0.countsAsBuildFailure })
    }

    @Test func aFailedBuildReadsAsItsHookAndTheLastLineOfItsLog() {
        let failure = BuildFailureSummary(
            phase: "get_requires", hook: "get_requires_for_build_wheel", message: "RuntimeError: boom",
            logTail: ["Traceback (most recent call last):", "  RuntimeError: no C compiler  ", "   "])
        #expect(UnusableReason.buildFailed(failure).description
            == "its build failed (get_requires_for_build_wheel): RuntimeError: no C compiler")
        let withoutLog = BuildFailureSummary(phase: "resolving build requirements", hook: nil, message: "no version of setuptools>=99", logTail: [])
        #expect(UnusableReason.buildFailed(withoutLog).description
            == "its build failed (resolving build requirements): no version of setuptools>=99")
    }
}
