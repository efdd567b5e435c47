import Foundation
import PackagingModel
import Testing
import TestSupport
@testable import Index

/// Real PEP 691 pages, the largest the benchmark reads among them: the byte-level reader must
/// read each one itself and give the bytes the full parser gives. Enabled by KILN_NETWORK_TESTS=1.
@Suite(.enabled(if: NetworkTests.enabled, "network tests run only with KILN_NETWORK_TESTS=1"))
struct NetworkJSONPageScannerTests {
    let client = HTTPClient(configuration: .fromEnvironment(ProcessInfo.processInfo.environment, userAgent: "kiln-tests"))

    @Test(arguments: ["pydantic-core", "botocore", "sqlalchemy", "six", "requests", "numpy"])
    func realPagesReadIdentically(project: String) async throws {
        let name = try PackageName(project)
        let pageURL = try #require(ParsedURL("https://pypi.org/simple/\(project)/"))
        let response = try await fetchRetrying(HTTPRequest(url: pageURL, headers: [("Accept", SimplePageParser.acceptHeader)]))
        try #require(response.status == 200)
        let contentType = response.headers["content-type"]
        try #require(SimplePageParser.isJSON(contentType: contentType), "the index answered \(contentType ?? "no content type"), not JSON")
        let source = ParsedPageEncoder.Source(length: response.body.count, digest: [UInt8](repeating: 1, count: 32))
        let files = try SimplePageParser.parse(body: response.body, contentType: contentType, pageURL: response.url)
        let reference = ParsedPageEncoder.encode(files, project: name, pageCredentials: nil, source: source)
        let scanned = try #require(JSONPageScanner.encoder(body: response.body, pageURL: response.url, project: name), "read by the scanner itself")
        #expect(scanned.finish(source: source) == reference, "\(project): \(files.count) files")
    }

    /// Retries a failed transfer twice; cancels the test when the index cannot be reached at all.
    func fetchRetrying(_ request: HTTPRequest) async throws -> HTTPResponse {
        var attempt = 0
        while true {
            do {
                return try await client.fetch(request)
            } catch {
                if case .hostUnreachable = error { try Test.cancel("the public index is unreachable: \(error)") }
                attempt += 1
                if attempt == 3 { throw error }
            }
        }
    }
}
