import Foundation
import Index
import Testing
import TestSupport

@Suite struct HTTPClientTests {
    @Test func retriesAfterConnectionResets() async throws {
        let rig = try await IndexTestRig()
        try rig.fixture.add(project: "six", filename: "six-1.0.tar.gz")
        try rig.server.inject(.reset, path: "/simple/six/", times: 2)
        let response = try await rig.client.fetch(HTTPRequest(url: try #require(ParsedURL(rig.server.url("/simple/six/"))), headers: []))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self).contains("six-1.0.tar.gz"))
        #expect(try rig.server.requestCount(for: "/simple/six/") == 3)
    }

    @Test func retriesAfter503TwiceThenSucceeds() async throws {
        let rig = try await IndexTestRig()
        let file = try rig.fixture.add(project: "six", filename: "six-1.0.tar.gz")
        try rig.server.inject(.status503, path: "/files/six-1.0.tar.gz", times: 2)
        let downloaded = try await rig.index().download(try #require(try await rig.index().project(packageName("six")).files.first))
        #expect(downloaded.sha256 == file.sha256)
        #expect(try rig.server.requestCount(for: "/files/six-1.0.tar.gz") == 3)
    }

    @Test func aTransferAfterShutDownFailsAtOnceWhetherOrNotTheLoopEverStarted() async throws {
        let rig = try await IndexTestRig()
        let url = try #require(ParsedURL(rig.server.url("/missing")))
        // Never started: shutting down must still refuse later transfers rather than start a loop.
        let idle = HTTPClient(configuration: await rig.client.configuration)
        await idle.shutDown()
        await #expect(throws: HTTPError.self) { try await idle.fetch(HTTPRequest(url: url)) }
        // Started by a first transfer, then shut down.
        let used = HTTPClient(configuration: await rig.client.configuration)
        #expect(try await used.fetch(HTTPRequest(url: url)).status == 404)
        await used.shutDown()
        await #expect(throws: HTTPError.self) { try await used.fetch(HTTPRequest(url: url)) }
        #expect(try rig.server.requestCount(for: "/missing") == 1)
    }

    @Test func doesNotRetryClientErrors() async throws {
        let rig = try await IndexTestRig()
        let response = try await rig.client.fetch(HTTPRequest(url: try #require(ParsedURL(rig.server.url("/missing")))))
        #expect(response.status == 404)
        #expect(try rig.server.requestCount(for: "/missing") == 1)
    }

    @Test func givesUpOnPersistent503WithTheStatusAndURL() async throws {
        let rig = try await IndexTestRig()
        try rig.fixture.add(project: "six", filename: "six-1.0.tar.gz")
        try rig.server.inject(.status503, path: "/simple/six/", times: -1)
        let url = try #require(ParsedURL(rig.server.url("/simple/six/")))
        await #expect(throws: HTTPError.status(code: 503, url: url.redacted, attempts: 4)) {
            try await rig.client.fetch(HTTPRequest(url: url))
        }
        #expect(try rig.server.requestCount(for: "/simple/six/") == 4)
    }

    @Test func retriesAPageWhoseBodyIsCutShort() async throws {
        let rig = try await IndexTestRig()
        try rig.fixture.add(project: "six", filename: "six-1.0.tar.gz")
        try rig.server.inject(.truncate, path: "/simple/six/", times: 1)
        let page = try await rig.index().project(packageName("six"))
        #expect(page.files.map(\.filename) == ["six-1.0.tar.gz"])
        #expect(try rig.server.requestCount(for: "/simple/six/") == 2)
    }

    @Test func resumesAnInterruptedDownloadWithRange() async throws {
        let rig = try await IndexTestRig()
        let file = try rig.fixture.add(project: "big", filename: "big-1.0.tar.gz", size: 300_000)
        try rig.server.inject(.truncate, path: "/files/big-1.0.tar.gz", times: 1)
        let index = try rig.index()
        let downloaded = try await index.download(try #require(try await index.project(packageName("big")).files.first))
        #expect(downloaded.sha256 == file.sha256)
        #expect(try Data(contentsOf: URL(fileURLWithPath: downloaded.path)) == Data(file.bytes))
        let requests = try rig.server.requests(for: "/files/big-1.0.tar.gz")
        #expect(requests.count == 2)
        #expect(requests.last?.headers["range"] == "bytes=\(file.bytes.count / 2)-")
    }

    @Test func aResumedDownloadKeepsItsBytesThroughA503() async throws {
        let rig = try await IndexTestRig()
        let file = try rig.fixture.add(project: "big", filename: "big-1.0.tar.gz", size: 200_000)
        try rig.server.inject(.truncate, path: "/files/big-1.0.tar.gz", times: 1)
        try rig.server.inject(.status503, path: "/files/big-1.0.tar.gz", times: 1)
        let index = try rig.index()
        let downloaded = try await index.download(try #require(try await index.project(packageName("big")).files.first))
        #expect(downloaded.sha256 == file.sha256)
        let ranges = try rig.server.requests(for: "/files/big-1.0.tar.gz").map { $0.headers["range"] }
        #expect(ranges == [nil, "bytes=100000-", "bytes=100000-"])
    }

    @Test func sendsURLCredentialsButNeverShowsThemInErrors() async throws {
        let rig = try await IndexTestRig()
        try rig.server.inject(.status503, path: "/private/", times: -1)
        let url = try #require(ParsedURL("http://alice:hunter2@127.0.0.1:\(rig.server.port)/private/"))
        do {
            _ = try await rig.client.fetch(HTTPRequest(url: url))
            Issue.record("expected an error")
        } catch {
            #expect(!error.description.contains("hunter2"))
            #expect(error.description.contains("alice:****@127.0.0.1"))
        }
        let sent = try rig.server.requests(for: "/private/")
        // Basic auth "alice:hunter2", sent to the server but kept out of the message.
        #expect(sent.first?.headers["authorization"] == "Basic YWxpY2U6aHVudGVyMg==")
    }

    @Test func aServerThatIsDownGivesOneErrorNamingTheHost() async throws {
        // Port 1 (tcpmux) is privileged and unused: connections are refused. An ephemeral port freed
        // by a stopped server could be taken by another test's server meanwhile.
        let client = HTTPClient(configuration: .forTests)
        let url = try #require(ParsedURL("http://bob:pw123@127.0.0.1:1/simple/six/"))
        do {
            _ = try await client.fetch(HTTPRequest(url: url))
            Issue.record("expected an error")
        } catch {
            guard case .hostUnreachable(let host, _, _, let attempts) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(host == "127.0.0.1:1")
            #expect(attempts == 4)
            #expect(error.description.hasPrefix("cannot reach 127.0.0.1:1 ("))
            #expect(error.description.contains("http://bob:****@127.0.0.1:1/simple/six/"))
            #expect(!error.description.contains("pw123"))
        }
    }

    @Test func reportsProgressOfFileDownloads() async throws {
        let rig = try await IndexTestRig()
        let file = try rig.fixture.add(project: "big", filename: "big-2.0.tar.gz", size: 200_000)
        let seen = ProgressLog()
        let index = try rig.index(events: IndexEvents(progress: { seen.append($0) }))
        _ = try await index.download(try #require(try await index.project(packageName("big")).files.first))
        let last = try #require(seen.reports.last)
        #expect(last.isFinished)
        #expect(last.label == "big-2.0.tar.gz")
        #expect(last.receivedBytes == Int64(file.bytes.count))
    }
}

final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [TransferProgress] = []

    func append(_ report: TransferProgress) {
        lock.lock()
        stored.append(report)
        lock.unlock()
    }

    var reports: [TransferProgress] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
