import Cache
import Index
import PackagingModel
import TestSupport
import Testing

/// What most index tests need: a loopback server over a fixture index, a fresh cache, and a
/// client that retries quickly and reads no proxy settings from the test's environment.
struct IndexTestRig {
    let fixture: FixtureIndex
    let server: LoopbackIndexServer
    let cacheDirectory: TemporaryDirectory
    let cache: CacheRoot
    let client: HTTPClient

    init(fixture: FixtureIndex? = nil) async throws {
        let fixture = try fixture ?? FixtureIndex()
        self.fixture = fixture
        server = try LoopbackIndexServer(root: fixture.root)
        cacheDirectory = try TemporaryDirectory("kiln-index-cache")
        cache = try await CacheRoot.open(at: cacheDirectory.path, lockTimeout: .seconds(30))
        client = HTTPClient(configuration: .forTests)
    }

    var indexURL: ParsedURL {
        get throws { try #require(ParsedURL(server.url("/simple/"))) }
    }

    func index(mode: PageCacheMode = .normal, ttl: Duration = .seconds(600), excludeNewer: Timestamp? = nil,
               events: IndexEvents = IndexEvents()) throws -> PackageIndex {
        PackageIndex(
            settings: IndexSettings(indexes: [try indexURL], excludeNewer: excludeNewer, cacheMode: mode, pageTTL: ttl),
            client: client, cache: cache, events: events)
    }
}

extension HTTPClientConfiguration {
    static var forTests: HTTPClientConfiguration {
        var configuration = HTTPClientConfiguration()
        configuration.retry = RetryPolicy(attempts: 4, initialDelay: .milliseconds(10), maxDelay: .milliseconds(50))
        configuration.connectTimeout = .seconds(5)
        configuration.stallTimeout = .seconds(10)
        return configuration
    }
}

func packageName(_ text: String) throws -> PackageName {
    try PackageName(text)
}
