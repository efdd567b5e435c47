import Index
import PackagingModel
import Resolver
import Services
import TestSupport
import Testing

@Suite struct IndexMetadataProviderTests {
    /// a 2.0 → b>=1 → (b 1.5) → c; the same pins whether the index answers JSON or HTML.
    @Test(arguments: [true, false])
    func compileFromPages(json: Bool) async throws {
        let repository = try PackageRepository()
        try repository.wheel("a", "1.0")
        try repository.wheel("a", "2.0", requires: ["b>=1", "unused; python_version < '3'"])
        try repository.wheel("b", "1.0")
        try repository.wheel("b", "1.5", requires: ["c[fast]"])
        try repository.wheel("c", "1.0", requires: ["d; extra == 'fast'"])
        try repository.wheel("d", "0.1")
        let rig = try await ServicesTestRig(repository)
        try rig.server.configure(json: json)
        #expect(try await rig.pins(["a"]) == ["a==2.0", "b==1.5", "c==1.0", "d==0.1"])
    }

    /// A cold run fetches the pages of the likely first pick's unconditional dependencies as soon
    /// as its metadata is in, and theirs in turn, before the resolver asks; not those behind a
    /// marker.
    @Test func pagesOfTheLikelyPicksDependenciesAreFetchedBeforeTheResolverAsks() async throws {
        let repository = try PackageRepository()
        try repository.wheel("top", "1.0", requires: ["mid>=1", "never; python_version < '3'"])
        try repository.wheel("mid", "1.0", requires: ["leaf"])
        try repository.wheel("leaf", "1.0")
        try repository.wheel("never", "1.0")
        let rig = try await ServicesTestRig(repository)
        let provider = IndexMetadataProvider(index: try rig.index(), tags: ServicesTestRig.target.tags, pythonVersion: try Version("3.12.1"))
        _ = try await provider.listing(of: try PackageName("top"))
        // Only top was asked for; leaf comes through mid's own likely pick.
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(20)
        while try rig.server.requests(for: "/simple/leaf/").isEmpty, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(try rig.server.requests(for: "/simple/mid/").count == 1)
        #expect(try rig.server.requests(for: "/simple/leaf/").count == 1)
        // Started (had it been) before mid's page, so it would have been asked for by now.
        #expect(try rig.server.requests(for: "/simple/never/").isEmpty)
        await provider.finish()
    }

    @Test func wheelsOfOtherPlatformsAndRequiresPythonAreNotCandidates() async throws {
        let repository = try PackageRepository()
        try repository.wheel("native", "1.0")
        try repository.wheel("native", "2.0", tag: "cp312-cp312-win_amd64")
        try repository.wheel("native", "1.5", requiresPython: ">=3.7,<3.10")
        let rig = try await ServicesTestRig(repository)
        #expect(try await rig.pins(["native"]) == ["native==1.0"])
    }

    @Test func aFailureNamesVersionsExcludedByRequiresPython() async throws {
        let repository = try PackageRepository()
        try repository.wheel("legacy", "2.0", requiresPython: ">=3.7,<3.10")
        try repository.wheel("legacy", "1.9", requiresPython: ">=3.7,<3.10")
        try repository.sdist("legacy", "1.0", metadataVersion: "2.1")
        let rig = try await ServicesTestRig(repository)
        await #expect {
            _ = try await rig.pins(["legacy<3"])
        } throws: { error in
            let text = String(describing: error)
            return text.contains("hint: legacy 2.0, legacy 1.9 are not considered: requires-python <3.10,>=3.7 excludes Python 3.12.1")
                && text.contains("needs a build to tell its dependencies")
        }
    }

    @Test func theBestTaggedWheelIsChosen() async throws {
        let repository = try PackageRepository()
        try repository.wheel("multi", "1.0", tag: "py311-none-any")
        try repository.wheel("multi", "1.0", tag: "py312-none-any")
        let rig = try await ServicesTestRig(repository)
        let outcome = try await rig.resolver().resolve([RequirementEntry(requirement: try Requirement("multi"))])
        #expect(outcome.resolution.packages.first?.file?.filename == "multi-1.0-py312-none-any.whl")
    }

    @Test func staticSdistMetadataIsUsedAndDynamicIsUnusable() async throws {
        let repository = try PackageRepository()
        try repository.sdist("static", "1.0", requires: ["dep"])
        try repository.wheel("dep", "3.0")
        try repository.sdist("dynamic", "2.0", requires: ["dep"], dynamic: ["Requires-Dist"])
        try repository.sdist("dynamic", "1.0", metadataVersion: "2.1")
        let rig = try await ServicesTestRig(repository)
        #expect(try await rig.pins(["static"]) == ["dep==3.0", "static==1.0"])
        await #expect {
            _ = try await rig.pins(["dynamic"])
        } throws: { error in
            String(describing: error).contains("dynamic-2.0.tar.gz needs a build to tell its dependencies")
        }
    }

    @Test func generatedHashesListEveryFileOfTheVersion() async throws {
        let repository = try PackageRepository()
        let first = try repository.wheel("h", "1.0", tag: "py311-none-any")
        let second = try repository.wheel("h", "1.0", tag: "py312-none-any")
        let rig = try await ServicesTestRig(repository)
        let outcome = try await rig.resolver().resolve([RequirementEntry(requirement: try Requirement("h"))])
        let lines = await PinsFormatter.lines(outcome, generateHashes: true)
        let expected = [first.sha256, second.sha256].sorted().map { "    --hash=sha256:\($0)" }
        #expect(lines == ["h==1.0 \\\n" + expected.joined(separator: " \\\n")])
    }

    /// No PEP 658 files: METADATA comes from range requests, even when the central directory
    /// is bigger than the first tail request; the wheel itself is never transferred whole.
    @Test(arguments: [0, 1500])
    func metadataByRangeRequests(padding: Int) async throws {
        let repository = try PackageRepository()
        let wheel = try repository.wheel("ranged", "1.0", requires: ["six"], padding: padding)
        let rig = try await ServicesTestRig(repository)
        let index = try rig.index()
        let page = try await index.project(try PackageName("ranged"))
        let file = try #require(page.files.first)
        let fetched = try await WheelMetadataFetcher(index: index).metadataWithRoute(of: file, project: try PackageName("ranged"))
        #expect(fetched.route == .rangeRequests)
        #expect(String(decoding: fetched.bytes, as: UTF8.self).contains("Requires-Dist: six"))
        let transfers = try rig.transfers(of: wheel.filename)
        #expect(transfers.whole == 0)
        // One suffix request holds everything for a small wheel; a big directory takes a second
        // request, and METADATA (before the directory) a third.
        #expect(transfers.ranged == (padding == 0 ? 1 : 3))
        // Cached by the wheel's hash: a second fetcher asks nothing.
        let again = try await WheelMetadataFetcher(index: index).metadataWithRoute(of: file, project: try PackageName("ranged"))
        #expect(again.route == .cache)
    }

    /// A server that ignores Range: the whole wheel is used once, kept in the archive store, and
    /// later wheels from that host are downloaded rather than asked for in ranges.
    @Test func serverIgnoringRangeFallsBackToTheWholeWheel() async throws {
        let repository = try PackageRepository()
        let wheel = try repository.wheel("whole", "1.0", requires: ["six"])
        let rig = try await ServicesTestRig(repository)
        try rig.server.configure(ranges: false)
        let index = try rig.index()
        let file = try #require(try await index.project(try PackageName("whole")).files.first)
        let fetched = try await WheelMetadataFetcher(index: index).metadataWithRoute(of: file, project: try PackageName("whole"))
        #expect(fetched.route == .wholeFile)
        #expect(String(decoding: fetched.bytes, as: UTF8.self).contains("Name: whole"))
        let downloaded = try await index.download(file)
        #expect(!downloaded.wasDownloaded)
        #expect(try rig.transfers(of: wheel.filename).whole + rig.transfers(of: wheel.filename).ranged == 1)
    }
}
