@testable import CLI
import PackagingModel
import Services
import Testing

/// The closing lines of `kiln install`, as uv writes them.
@Suite struct InstallSummaryTests {
    @Test func durationsAreMillisecondsBelowASecondElseSeconds() {
        #expect(InstallSummary.format(.milliseconds(80)) == "80ms")
        #expect(InstallSummary.format(.milliseconds(999)) == "999ms")
        #expect(InstallSummary.format(.milliseconds(2104)) == "2.10s")
        #expect(InstallSummary.format(.milliseconds(2096)) == "2.10s")
        #expect(InstallSummary.format(.seconds(12)) == "12.00s")
    }

    @Test func linesNameEveryChangeSortedWithBuildsOnlyWhenSomethingWasBuilt() throws {
        var plan = RequirementInstallPlan()
        plan.resolvedCount = 3
        plan.resolveDuration = .milliseconds(410)
        plan.installDuration = .milliseconds(80)
        plan.changes = [
            .init(name: try PackageName("six"), version: try Version("1.17.0"), replacing: "1.16.0"),
            .init(name: try PackageName("Jaeger_Client"), version: try Version("4.8.0"), replacing: nil),
        ]
        #expect(InstallSummary.lines(plan) == [
            "Resolved 3 packages in 410ms", "Installed 2 packages in 80ms",
            " + jaeger-client==4.8.0", " - six==1.16.0", " + six==1.17.0",
        ])
        plan.builds = .init(count: 1, allSdists: true, duration: .milliseconds(2100))
        #expect(InstallSummary.lines(plan)[1] == "Built 1 sdist in 2.10s")
        plan.builds = .init(count: 2, allSdists: false, duration: .milliseconds(300))
        #expect(InstallSummary.lines(plan)[1] == "Built 2 packages in 300ms")
    }
}
