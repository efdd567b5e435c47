import Cache
import Foundation
import Index
import Testing
import TestSupport

@Suite struct PackageIndexTests {
    @Test func aNameIsTakenFromTheFirstIndexThatHasItOnly() async throws {
        let primary = try await IndexTestRig()
        try primary.fixture.add(project: "internal-tool", filename: "internal_tool-1.0-py3-none-any.whl")
        let extra = try await IndexTestRig()
        try extra.fixture.add(project: "internal-tool", filename: "internal_tool-99.0-py3-none-any.whl")
        try extra.fixture.add(project: "six", filename: "six-1.0.tar.gz")
        let settings = IndexSettings(indexes: [try primary.indexURL, try extra.indexURL])
        let index = PackageIndex(settings: settings, client: primary.client, cache: primary.cache)

        let tool = try await index.project(packageName("Internal_Tool"))
        #expect(tool.files.map(\.filename) == ["internal_tool-1.0-py3-none-any.whl"])
        #expect(tool.source == (try primary.indexURL.appendingDirectory("internal-tool").redacted))
        #expect(try extra.server.requestCount(for: "/simple/internal-tool/") == 0)

        let six = try await index.project(packageName("six"))
        #expect(six.files.map(\.filename) == ["six-1.0.tar.gz"])
        #expect(try primary.server.requestCount(for: "/simple/six/") == 1)
    }

    @Test func aNameNoIndexHasIsReportedWithTheIndexesSearched() async throws {
        let rig = try await IndexTestRig()
        let index = try rig.index()
        await #expect(throws: IndexError.packageNotFound(
            name: try packageName("nothing-here"), searched: [try rig.indexURL.appendingDirectory("nothing-here").redacted])
        ) {
            try await index.project(packageName("nothing-here"))
        }
    }

    @Test func excludeNewerDropsFilesUploadedLaterOrWithoutATime() async throws {
        let rig = try await IndexTestRig()
        try rig.fixture.add(project: "six", filename: "six-1.0.tar.gz", uploadTime: "2020-01-01T00:00:00Z")
        try rig.fixture.add(project: "six", filename: "six-2.0.tar.gz", uploadTime: "2024-06-01T12:00:00.5Z")
        try rig.fixture.add(project: "six", filename: "six-3.0.tar.gz", uploadTime: nil)
        let cutoff = try #require(Timestamp(rfc3339: "2024-06-01T12:00:00Z"))
        let page = try await rig.index(excludeNewer: cutoff).project(packageName("six"))
        #expect(page.files.map(\.filename) == ["six-1.0.tar.gz"])
    }

    @Test func readsALocalFileIndexAndFindLinksDirectory() async throws {
        let fixture = try FixtureIndex()
        let file = try fixture.add(project: "six", filename: "six-1.0.tar.gz")
        let links = try TemporaryDirectory("kiln-find-links")
        for name in ["six-2.0-py3-none-any.whl", "six_extras-1.0.tar.gz", "notes.txt"] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: links.file(name)))
        }
        let cacheDirectory = try TemporaryDirectory("kiln-index-cache")
        let settings = try IndexSettings.parse(
            indexURL: "file://" + fixture.root + "/simple", extraIndexURLs: [], noIndex: false, findLinks: [links.path],
            excludeNewer: nil, offline: false, refresh: false, environment: [:], lockTimeout: .seconds(10))
        let index = PackageIndex(
            settings: settings, client: HTTPClient(configuration: .forTests),
            cache: try await CacheRoot.open(at: cacheDirectory.path, lockTimeout: .seconds(10)))
        let page = try await index.project(packageName("six"))
        #expect(page.files.map(\.filename) == ["six-1.0.tar.gz", "six-2.0-py3-none-any.whl"])
        let local = try await index.download(try #require(page.files.first))
        #expect(local.path == fixture.root + "/files/six-1.0.tar.gz")
        #expect(local.sha256 == file.sha256)
        #expect(!local.wasDownloaded)
    }

    @Test func noIndexUsesFindLinksPagesOnly() async throws {
        let rig = try await IndexTestRig()
        let file = try rig.fixture.add(project: "six", filename: "six-1.0.tar.gz")
        try rig.fixture.writePage(project: "links", html: "<a href=\"../../files/six-1.0.tar.gz#sha256=\(file.sha256)\">six-1.0.tar.gz</a>")
        let settings = try IndexSettings.parse(
            indexURL: nil, extraIndexURLs: [], noIndex: true, findLinks: [rig.server.url("/simple/links/")],
            excludeNewer: nil, offline: false, refresh: false, environment: [:], lockTimeout: .seconds(10))
        #expect(settings.indexes.isEmpty)
        let index = PackageIndex(settings: settings, client: rig.client, cache: rig.cache)
        let page = try await index.project(packageName("six"))
        #expect(page.files.map(\.hashes.sha256) == [file.sha256])
        #expect(try await index.download(try #require(page.files.first)).sha256 == file.sha256)
        #expect(try rig.server.requestCount(for: "/simple/six/") == 0)
    }

    @Test func fetchesManyPagesInParallelWithOneResultEach() async throws {
        let rig = try await IndexTestRig()
        let names = (0..<12).map { "pkg\($0)" }
        for name in names { try rig.fixture.add(project: name, filename: "\(name)-1.0.tar.gz", size: 64) }
        let results = await (try rig.index()).projects(try (names + ["absent"]).map(packageName))
        #expect(results.count == 13)
        for name in names {
            #expect(try results[packageName(name)]?.get().files.count == 1)
        }
        guard case .failure(.packageNotFound) = results[try packageName("absent")] else {
            Issue.record("expected packageNotFound for 'absent'")
            return
        }
    }

    @Test func settingsReadTheIndexURLAndTTLFromTheEnvironment() throws {
        let settings = try IndexSettings.parse(
            indexURL: nil, extraIndexURLs: ["https://extra.example/simple"], noIndex: false, findLinks: [],
            excludeNewer: "2024-01-01", offline: false, refresh: true,
            environment: ["KILN_INDEX_URL": "https://u:p@mirror.example/simple", "KILN_INDEX_TTL": "30"], lockTimeout: .seconds(1))
        #expect(settings.indexes.map(\.redacted.text) == ["https://u:****@mirror.example/simple/", "https://extra.example/simple/"])
        #expect(settings.pageTTL == .seconds(30))
        #expect(settings.cacheMode == .refresh)
        #expect(settings.excludeNewer == Timestamp(rfc3339: "2024-01-01T00:00:00Z"))
        #expect(throws: IndexError.self) {
            try IndexSettings.parse(indexURL: "ftp://x/", extraIndexURLs: [], noIndex: false, findLinks: [], excludeNewer: nil,
                                    offline: false, refresh: false, environment: [:], lockTimeout: .seconds(1))
        }
    }
}
