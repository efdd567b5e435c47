import Foundation
import PackagingModel
import SystemSupport
import Testing
@testable import Cache

@Suite struct SimplePageStoreTests {
    let url = "https://pypi.org/simple/six/"
    let stored = CacheTimestamp(secondsSinceEpoch: 1_700_000_000)

    func key() throws -> SimplePageKey { SimplePageKey(url: url, package: try PackageName("Six")) }

    func response(maxAge: Int64? = 600) -> CachedResponse {
        CachedResponse(
            url: url, body: Array("{\"files\": []}\n\n\nbody with blank lines".utf8),
            contentType: "application/vnd.pypi.simple.v1+json", etag: "\"abc\"",
            lastModified: "Tue, 21 Nov 2023 10:00:00 GMT", cacheControl: CacheControl(maxAge: maxAge), storedAt: stored)
    }

    @Test func writesOneEntryUnderThePackageAndReadsItBack() async throws {
        let cache = try await TestCache.make()
        let store = SimplePageStore(root: cache.root)
        #expect(try store.read(try key(), defaultTTL: .seconds(60)) == nil)
        #expect(try store.write(response(), for: try key()))

        let path = try store.path(for: try key())
        #expect(path == cache.path + "/simple-v1/six/" + CacheKey.digest(url))
        let page = try #require(try store.read(try key(), defaultTTL: .seconds(60), now: stored.adding(seconds: 100)))
        #expect(page.response == response())
        #expect(page.age == 100)
        #expect(page.lifetime == 600)
        #expect(page.isFresh)
        #expect(Files.temporaries(in: FileSystem.parent(of: path)).isEmpty)
    }

    @Test func freshnessFollowsMaxAgeThenTheDefaultAndIsCappedByTheMaximum() async throws {
        let cache = try await TestCache.make()
        let store = SimplePageStore(root: cache.root)
        try store.write(response(maxAge: 600), for: try key())
        let later = stored.adding(seconds: 700)
        #expect(try store.read(try key(), defaultTTL: .seconds(3600), now: later)?.isFresh == false)
        #expect(try store.read(try key(), defaultTTL: .seconds(60), maximumTTL: .zero, now: stored)?.isFresh == false)

        try store.write(response(maxAge: nil), for: try key())
        #expect(try store.read(try key(), defaultTTL: .seconds(3600), now: later)?.isFresh == true)
        #expect(try store.read(try key(), defaultTTL: .seconds(60), now: later)?.isFresh == false)

        var noCache = response()
        noCache.cacheControl = CacheControl(maxAge: 600, noCache: true)
        try store.write(noCache, for: try key())
        #expect(try store.read(try key(), defaultTTL: .seconds(60), now: stored)?.isFresh == false)
    }

    @Test func refreshAfterNotModifiedRenewsStoredAtAndValidators() async throws {
        let cache = try await TestCache.make()
        let store = SimplePageStore(root: cache.root)
        try store.write(response(), for: try key())
        let revalidated = stored.adding(seconds: 5000)

        let refreshed = try #require(try store.refresh(try key(), etag: "\"def\"", now: revalidated))
        #expect(refreshed.storedAt == revalidated)
        #expect(refreshed.etag == "\"def\"")
        #expect(refreshed.lastModified == response().lastModified)
        #expect(refreshed.body == response().body)
        let page = try #require(try store.read(try key(), defaultTTL: .seconds(60), now: revalidated.adding(seconds: 10)))
        #expect(page.isFresh)
        #expect(page.response == refreshed)
    }

    @Test func refreshOfAMissingEntryReturnsNil() async throws {
        let cache = try await TestCache.make()
        #expect(try SimplePageStore(root: cache.root).refresh(try key()) == nil)
    }

    @Test func noStoreResponsesAreNotKept() async throws {
        let cache = try await TestCache.make()
        let store = SimplePageStore(root: cache.root)
        try store.write(response(), for: try key())
        var noStore = response()
        noStore.cacheControl = CacheControl(noStore: true)
        #expect(try store.write(noStore, for: try key()) == false)
        #expect(try store.read(try key(), defaultTTL: .seconds(60)) == nil)
    }

    @Test func pagesOfNoPackageLiveApart() async throws {
        let cache = try await TestCache.make()
        let store = SimplePageStore(root: cache.root)
        let key = SimplePageKey(url: "https://example.org/links.html", package: nil)
        #expect(try store.path(for: key).hasPrefix(cache.path + "/simple-v1/_unnamed/"))
    }

    @Test func aDamagedOrForeignEntryReadsAsMissing() async throws {
        let cache = try await TestCache.make()
        let store = SimplePageStore(root: cache.root)
        try store.write(response(), for: try key())
        let path = try store.path(for: try key())
        let bytes = try FileSystem.readBytes(path)
        try FileSystem.writeAtomically(Array(bytes.dropLast(3)), to: path)
        #expect(try store.read(try key(), defaultTTL: .seconds(60)) == nil)
        try FileSystem.writeAtomically("not an entry", to: path)
        #expect(try store.read(try key(), defaultTTL: .seconds(60)) == nil)
    }

    @Test func responseForAnotherURLIsRefused() async throws {
        let cache = try await TestCache.make()
        var other = response()
        other.url = "https://pypi.org/simple/other/"
        #expect(throws: CacheError.invalidKey(other.url)) { try SimplePageStore(root: cache.root).write(other, for: try key()) }
    }

    @Test func conditionalRequestHeadersCarryTheValidators() {
        let headers = response().conditionalRequestHeaders
        #expect(headers.map(\.name) == ["If-None-Match", "If-Modified-Since"])
        #expect(headers.map(\.value) == ["\"abc\"", "Tue, 21 Nov 2023 10:00:00 GMT"])
        #expect(CachedResponse(url: url, body: []).conditionalRequestHeaders.isEmpty)
    }

    @Test func codecRoundTripsAndDropsValuesWithLineBreaks() {
        var value = response()
        #expect(CachedResponseCodec.decode(CachedResponseCodec.encode(value)) == value)
        value.etag = "\"x\"\r\ninjected: 1"
        let decoded = CachedResponseCodec.decode(CachedResponseCodec.encode(value))
        #expect(decoded?.etag == nil)
        #expect(decoded?.body == value.body)
    }
}

@Suite struct CacheControlTests {
    @Test(arguments: [
        ("max-age=600, public", CacheControl(maxAge: 600)),
        ("Max-Age = 30", CacheControl(maxAge: 30)),
        ("max-age=\"45\"", CacheControl(maxAge: 45)),
        ("no-cache, max-age=0", CacheControl(maxAge: 0, noCache: true)),
        ("private, no-store", CacheControl(noStore: true)),
        ("max-age=soon", CacheControl()),
        ("max-age=-5", CacheControl()),
        ("", CacheControl()),
    ])
    func parsesTheDirectivesThatDecideFreshness(_ header: String, _ expected: CacheControl) {
        #expect(CacheControl(header: header) == expected)
    }

    @Test func headerValueParsesBack() {
        let value = CacheControl(maxAge: 10, noCache: true, noStore: true)
        #expect(CacheControl(header: value.headerValue) == value)
    }
}
