import Cache
import Foundation
import Index
import Testing
import TestSupport

/// Against the real public index; enabled by `make test-network` (KILN_NETWORK_TESTS=1). When the
/// index cannot be reached at all the tests are cancelled with that reason rather than failed.
@Suite(.enabled(if: NetworkTests.enabled, "network tests run only with KILN_NETWORK_TESTS=1"))
struct NetworkIndexTests {
    let client = HTTPClient(configuration: .fromEnvironment(ProcessInfo.processInfo.environment, userAgent: "kiln-tests"))

    func publicIndex(_ cache: CacheDirectoryRig) throws -> PackageIndex {
        let settings = try IndexSettings.parse(
            indexURL: nil, extraIndexURLs: [], noIndex: false, findLinks: [], excludeNewer: nil, offline: false,
            refresh: false, environment: ProcessInfo.processInfo.environment, lockTimeout: .seconds(60))
        return PackageIndex(settings: settings, client: client, cache: cache.cache)
    }

    @Test func fetchesRealPagesAndParsesThem() async throws {
        let cache = try await CacheDirectoryRig()
        let index = try publicIndex(cache)
        let results = await index.projects(try ["six", "requests"].map(packageName))
        for (name, result) in results {
            let page = try await Self.skippingIfUnreachable { try result.get() }
            #expect(!page.files.isEmpty, "\(name) lists no files")
            #expect(page.files.allSatisfy { $0.hashes.sha256?.count == 64 })
            #expect(page.files.contains { $0.requiresPython != nil })
        }
        let requests = try results[packageName("requests")]?.get()
        #expect(requests?.files.contains { $0.yanked.isYanked } == true)
    }

    @Test func downloadsARealWheelAndChecksItsHash() async throws {
        let cache = try await CacheDirectoryRig()
        let index = try publicIndex(cache)
        let page = try await Self.skippingIfUnreachable { try await index.project(packageName("six")) }
        let wheel = try #require(page.files.first { $0.filename == "six-1.17.0-py2.py3-none-any.whl" })
        let downloaded = try await index.download(wheel)
        #expect(downloaded.sha256 == wheel.hashes.sha256)
        #expect(downloaded.wasDownloaded)
        #expect(try await index.download(wheel).wasDownloaded == false)
    }

    @Test func filesComeOverHTTP2() async throws {
        let response = try await Self.skippingIfUnreachable {
            try await client.fetch(HTTPRequest(url: try #require(ParsedURL("https://pypi.org/simple/six/"))))
        }
        #expect(response.status == 200)
        #expect(response.httpVersion == "2")
    }

    static func skippingIfUnreachable<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch IndexError.http(let error) {
            if case .hostUnreachable = error { try Test.cancel("the public index is unreachable: \(error)") }
            throw IndexError.http(error)
        } catch let error as HTTPError {
            if case .hostUnreachable = error { try Test.cancel("the public index is unreachable: \(error)") }
            throw error
        }
    }
}

/// A fresh cache in a temporary directory, for tests that need no server.
struct CacheDirectoryRig {
    let directory: TemporaryDirectory
    let cache: CacheRoot

    init() async throws {
        directory = try TemporaryDirectory("kiln-index-cache")
        cache = try await CacheRoot.open(at: directory.path, lockTimeout: .seconds(30))
    }
}
