import Index
import Testing
import TestSupport

@Suite struct PageCacheTests {
    @Test func secondFetchOfAStalePageRevalidatesWithIfNoneMatchAndGets304() async throws {
        let rig = try await IndexTestRig()
        try rig.fixture.add(project: "six", filename: "six-1.0.tar.gz")
        // ttl 0: every use asks the server, which answers 304 when nothing changed.
        let index = try rig.index(ttl: .zero)
        let first = try await index.project(packageName("six"))
        let second = try await index.project(packageName("six"))
        #expect(first.files == second.files)
        let requests = try rig.server.requests(for: "/simple/six/")
        #expect(requests.count == 2)
        #expect(requests[0].headers["if-none-match"] == nil)
        let etag = try #require(requests[1].headers["if-none-match"])
        #expect(etag.hasPrefix("\""))
    }

    @Test func aFreshPageIsNotRequestedAgain() async throws {
        let rig = try await IndexTestRig()
        try rig.fixture.add(project: "six", filename: "six-1.0.tar.gz")
        let index = try rig.index()
        _ = try await index.project(packageName("six"))
        _ = try await index.project(packageName("six"))
        #expect(try rig.server.requestCount(for: "/simple/six/") == 1)
    }

    @Test func pagesWithoutValidatorsAreFetchedAgainOnlyAfterTheirWindow() async throws {
        let rig = try await IndexTestRig()
        try rig.server.configure(etag: false)
        try rig.fixture.add(project: "six", filename: "six-1.0.tar.gz")
        _ = try await rig.index(ttl: .seconds(600)).project(packageName("six"))
        _ = try await rig.index(ttl: .seconds(600)).project(packageName("six"))
        #expect(try rig.server.requestCount(for: "/simple/six/") == 1)
        _ = try await rig.index(ttl: .zero).project(packageName("six"))
        let requests = try rig.server.requests(for: "/simple/six/")
        #expect(requests.count == 2)
        #expect(requests[1].headers["if-none-match"] == nil)
    }

    @Test func refreshRevalidatesEvenAFreshPage() async throws {
        let rig = try await IndexTestRig()
        try rig.server.configure(maxAge: 3600)
        try rig.fixture.add(project: "six", filename: "six-1.0.tar.gz")
        _ = try await rig.index().project(packageName("six"))
        _ = try await rig.index().project(packageName("six"))
        #expect(try rig.server.requestCount(for: "/simple/six/") == 1)
        _ = try await rig.index(mode: .refresh).project(packageName("six"))
        let requests = try rig.server.requests(for: "/simple/six/")
        #expect(requests.count == 2)
        #expect(requests[1].headers["if-none-match"] != nil)
    }

    @Test func offlineAnswersFromTheCacheAloneAndNamesAMissingPage() async throws {
        let rig = try await IndexTestRig()
        let file = try rig.fixture.add(project: "six", filename: "six-1.0.tar.gz")
        try rig.fixture.add(project: "attrs", filename: "attrs-1.0.tar.gz")
        let online = try rig.index(ttl: .zero)
        _ = try await online.download(try #require(try await online.project(packageName("six")).files.first))
        try rig.server.clear()

        let offline = try rig.index(mode: .offline, ttl: .zero)
        let page = try await offline.project(packageName("six"))
        #expect(page.files.map(\.filename) == ["six-1.0.tar.gz"])
        let downloaded = try await offline.download(try #require(page.files.first))
        #expect(downloaded.sha256 == file.sha256)
        #expect(!downloaded.wasDownloaded)
        #expect(try rig.server.requests().isEmpty)

        let missing = try rig.indexURL.appendingDirectory("attrs")
        await #expect(throws: IndexError.notCachedOffline(url: missing.redacted)) {
            try await offline.project(packageName("attrs"))
        }
    }

    @Test func prefersJSONWhenTheServerOffersItAndFallsBackToHTML() async throws {
        let rig = try await IndexTestRig()
        try rig.fixture.add(project: "six", filename: "six-1.0.tar.gz", uploadTime: "2024-03-01T10:00:00Z")
        let viaJSON = try await rig.index().project(packageName("six"))
        #expect(viaJSON.files.first?.size == 4096)  // only the JSON form carries sizes
        let sent = try rig.server.requests(for: "/simple/six/")
        #expect(sent.first?.headers["accept"] == SimplePageParser.acceptHeader)

        let htmlRig = try await IndexTestRig(fixture: rig.fixture)
        try htmlRig.server.configure(json: false)
        let viaHTML = try await htmlRig.index().project(packageName("six"))
        #expect(viaHTML.files.first?.size == nil)
        #expect(viaHTML.files.first?.hashes == viaJSON.files.first?.hashes)
        #expect(viaHTML.files.first?.uploadTime == viaJSON.files.first?.uploadTime)
    }
}
