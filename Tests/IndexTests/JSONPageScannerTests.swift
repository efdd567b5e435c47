import PackagingModel
import Testing
@testable import Index

/// The byte-level JSON page reader must produce exactly the parsed page the full parser does
/// (`SimplePageParser.parse`, then `ParsedPageEncoder.encode`), and must give malformed pages
/// back to it for the same error. Compared through both entry points, not against a layout.
@Suite struct JSONPageScannerTests {
    let json = "application/vnd.pypi.simple.v1+json"
    let digest = [UInt8](repeating: 9, count: 32)
    let sha = String(repeating: "ab", count: 32)

    /// The page as the full parser encodes it.
    func reference(_ body: String, page: ParsedURL, project: PackageName) throws -> [UInt8] {
        let files = try SimplePageParser.parse(body: Array(body.utf8), contentType: json, pageURL: page)
        return ParsedPageEncoder.encode(files, project: project, pageCredentials: page.credentials, source: .init(length: body.utf8.count, digest: digest))
    }

    /// The page as the scanner encodes it; nil when it leaves the page to the full parser.
    func scanned(_ body: String, page: ParsedURL, project: PackageName) -> [UInt8]? {
        JSONPageScanner.encoder(body: Array(body.utf8), pageURL: page, project: project)?
            .finish(source: .init(length: body.utf8.count, digest: digest))
    }

    /// What a cold run writes: `ParsedPages.encoder`, the scanner or its fallback.
    func written(_ body: String, contentType: String? = nil, page: ParsedURL, project: PackageName) throws(IndexError) -> [UInt8] {
        try ParsedPages.encoder(body: Array(body.utf8), contentType: contentType ?? json, pageURL: page, project: project)
            .finish(source: .init(length: body.utf8.count, digest: digest))
    }

    func page(_ files: [String], meta: String = #"{"api-version": "1.1"}"#) -> String {
        #"{"meta": \#(meta), "name": "demo", "files": [\#(files.joined(separator: ",\n"))], "versions": ["1.0", "2.0"]}"#
    }

    let pageURL = ParsedURL("https://pypi.example/simple/demo/")!

    @Test func readsRealPyPIPageByItselfAndIdentically() throws {
        let requests = try PackageName("requests")
        let scannedBytes = try #require(scanned(PyPIPages.requestsJSON, page: pageURL, project: requests), "the scanner reads PyPI's page itself")
        #expect(scannedBytes == (try reference(PyPIPages.requestsJSON, page: pageURL, project: requests)))
        // And the result reads back as the same files.
        let files = try #require(ParsedFiles(PageBytes.copying(scannedBytes), sourceLength: PyPIPages.requestsJSON.utf8.count, sourceDigest: digest, pageCredentials: nil))
        #expect(Array(files) == (try SimplePageParser.parse(body: Array(PyPIPages.requestsJSON.utf8), contentType: json, pageURL: pageURL)))
    }

    /// Every field in its spellings: each page is read by the scanner itself (not left to the full
    /// parser) and encodes to the same bytes.
    @Test(arguments: [
        // Plain wheel and sdist, several hash algorithms (sorted, lowercased), size, upload time.
        #"{"filename": "demo-1.0-py3-none-any.whl", "url": "https://files.example/p/demo-1.0-py3-none-any.whl#sha256=00", "hashes": {"sha256": "\#(String(repeating: "AB", count: 32))", "md5": "FF00", "blake2b_256": "12"}, "size": 1234, "upload-time": "2024-05-29T15:37:47.027275Z"}"#,
        #"{"url": "https://files.example/p/demo-1.0.tar.gz", "filename": "demo-1.0.tar.gz", "hashes": {}, "requires-python": ">=3.8", "size": 0}"#,
        // Yanked: true, a reason, an empty reason, false, null.
        #"{"filename": "demo-1.1.tar.gz", "url": "https://files.example/demo-1.1.tar.gz", "hashes": {"sha256": "aa"}, "yanked": true}"#,
        #"{"filename": "demo-1.2.tar.gz", "url": "https://files.example/demo-1.2.tar.gz", "hashes": {"sha256": "aa"}, "yanked": "broken \"build\" \u00e9"}"#,
        #"{"filename": "demo-1.3.tar.gz", "url": "https://files.example/demo-1.3.tar.gz", "hashes": {"sha256": "aa"}, "yanked": ""}"#,
        #"{"filename": "demo-1.4.tar.gz", "url": "https://files.example/demo-1.4.tar.gz", "hashes": {"sha256": "aa"}, "yanked": false, "requires-python": null}"#,
        // requires-python with escapes (the HTML entities of a PEP 503 page are escapes in JSON), empty.
        #"{"filename": "demo-1.5.tar.gz", "url": "https://files.example/demo-1.5.tar.gz", "hashes": {}, "requires-python": "\u003e=3.8, !=3.9.*\t", "yanked": null}"#,
        #"{"filename": "demo-1.6.tar.gz", "url": "https://files.example/demo-1.6.tar.gz", "hashes": {}, "requires-python": ""}"#,
        // Core metadata: true, false, hashes, and the older spellings, with core-metadata first whatever its value.
        #"{"filename": "demo-2.0-cp312-cp312-manylinux_2_17_x86_64.whl", "url": "https://files.example/x/demo-2.0-cp312-cp312-manylinux_2_17_x86_64.whl", "hashes": {"sha256": "aa"}, "core-metadata": true}"#,
        #"{"filename": "demo-2.0-cp311-cp311-win_amd64.whl", "url": "https://files.example/x/demo-2.0-cp311-cp311-win_amd64.whl", "hashes": {"sha256": "aa"}, "core-metadata": false, "dist-info-metadata": true}"#,
        #"{"filename": "demo-2.0-cp310-cp310-win32.whl", "url": "https://files.example/x/demo-2.0-cp310-cp310-win32.whl", "hashes": {"sha256": "aa"}, "data-dist-info-metadata": {"sha256": "CD", "md5": 5}}"#,
        #"{"filename": "demo-2.0-py3-none-any.whl", "url": "https://files.example/x/demo-2.0-py3-none-any.whl", "hashes": {"sha256": "aa"}, "dist-info-metadata": {"sha256": "ef"}, "core-metadata": {"sha256": "EF"}}"#,
        #"{"filename": "demo-2.1-py3-none-any.whl", "url": "https://files.example/x/demo-2.1-py3-none-any.whl", "hashes": {"sha256": "aa"}, "core-metadata": {}}"#,
        // A wheel with a build tag, a name spelled otherwise (Demo_), a file of another project.
        #"{"filename": "Demo_-2.2-1-py3-none-any.whl", "url": "https://files.example/Demo_-2.2-1-py3-none-any.whl", "hashes": {"sha256": "aa"}}"#,
        #"{"filename": "demo_extra-1.0-py3-none-any.whl", "url": "https://files.example/demo_extra-1.0-py3-none-any.whl", "hashes": {"sha256": "aa"}}"#,
        #"{"filename": "demo-2.3.zip", "url": "https://files.example/demo-2.3.zip", "hashes": {"sha256": "aa"}}"#,
        #"{"filename": "demo-2.4-py3-none-any-extra-dash.whl", "url": "https://files.example/a.whl", "hashes": {"sha256": "aa"}}"#,
        // Unicode escapes: a BMP one, a surrogate pair, a lone surrogate; raw UTF-8; escaped slashes in the URL.
        #"{"filename": "demo-3.0.tar.gz", "url": "https:\/\/files.example\/d\u00e9mo-3.0.tar.gz", "hashes": {"sha256": "aa"}, "yanked": "\ud83d\ude00 and \ud800 alone"}"#,
        #"{"filename": "demo-3.1.tar.gz", "url": "https://files.example/démo-3.1.tar.gz", "hashes": {"sha256": "aa"}, "yanked": "café"}"#,
        // Relative URLs, an uppercase host, a port, a query, a URL without a path, credentials.
        #"{"filename": "demo-4.0.tar.gz", "url": "../../packages/demo-4.0.tar.gz#sha256=aa", "hashes": {"sha256": "aa"}}"#,
        #"{"filename": "demo-4.1.tar.gz", "url": "/abs/demo-4.1.tar.gz", "hashes": {}}"#,
        #"{"filename": "demo-4.2.tar.gz", "url": "HTTPS://Files.Example:0443/demo-4.2.tar.gz", "hashes": {}}"#,
        #"{"filename": "demo-4.3.tar.gz", "url": "http://127.0.0.1:8080/demo-4.3.tar.gz?x=1#frag", "hashes": {}}"#,
        #"{"filename": "demo-4.4.tar.gz", "url": "https://files.example?q/x", "hashes": {}}"#,
        #"{"filename": "demo-4.5.tar.gz", "url": "https://user:p%40ss@files.example/demo-4.5.tar.gz", "hashes": {}}"#,
        #"{"filename": "demo-4.6.tar.gz", "url": " https://files.example/demo-4.6.tar.gz ", "hashes": {}}"#,
        // Upload times with an offset, a bare date, garbage; sizes as other numbers; unknown members.
        #"{"filename": "demo-5.0.tar.gz", "url": "https://files.example/demo-5.0.tar.gz", "hashes": {}, "upload-time": "2024-05-29T17:37:47+02:00", "size": 1.5e3, "extra": {"nested": [1, true, null, "x"]}}"#,
        #"{"filename": "demo-5.1.tar.gz", "url": "https://files.example/demo-5.1.tar.gz", "hashes": {}, "upload-time": "2024-05-29", "size": -1}"#,
        #"{"filename": "demo-5.2.tar.gz", "url": "https://files.example/demo-5.2.tar.gz", "hashes": {}, "upload-time": "yesterday", "size": "12", "gpg-sig": false}"#,
        // A member repeated: the last counts.
        #"{"filename": "demo-6.0.tar.gz", "url": "https://files.example/old.tar.gz", "url": "https://files.example/demo-6.0.tar.gz", "hashes": {"sha256": "11", "sha256": "22"}, "yanked": "x", "yanked": false}"#,
        #"{"filename": "demo-6.1.tar.gz", "url": "https://files.example/demo-6.1.tar.gz", "hashes": {"sha256": "11", "md5": "22", "sha256": "33"}}"#,
        #"{"filename": "demo-6.2.tar.gz", "url": "https://files.example/demo-6.2.tar.gz", "hashes": {"sha256": "11", "sha256": "22", "MD5": "3\u0041", "sha256": 4}}"#,
        #"{"filename": "demo-6.3.tar.gz", "url": "https://files.example/demo-6.3.tar.gz", "hashes": {"sha256": "11", "sha256": null}, "core-metadata": {"md5": 1, "sha256": "22"}}"#,
        #"{"filename": "demo-6.4.tar.gz", "url": "https://files.example/demo-6.4.tar.gz", "hashes": {"md5": "11", "sha256": "22", "md5": false, "sha256": "33", "blake2b": "44"}}"#,
    ])
    func readsEachFieldIdentically(entry: String) throws {
        let demo = try PackageName("demo")
        // Alone, and after the other entries so ids are shared.
        for body in [page([entry]), page([entry, entry, #"{"filename": "demo-9.0.tar.gz", "url": "https://files.example/demo-9.0.tar.gz", "hashes": {}}"#])] {
            let scannedBytes = try #require(scanned(body, page: pageURL, project: demo), "the scanner reads \(entry) itself")
            #expect(scannedBytes == (try reference(body, page: pageURL, project: demo)), "\(entry)")
        }
    }

    @Test func aPageWithCredentialsGivesTheSameRecordsAndKeepsThemOutOfTheCache() throws {
        let demo = try PackageName("demo")
        let privatePage = try #require(ParsedURL("https://me:hunter2secret@private.example/simple/demo/"))
        let body = page([
            #"{"filename": "demo-1.0.tar.gz", "url": "../../files/demo-1.0.tar.gz", "hashes": {"sha256": "aa"}}"#,
            #"{"filename": "demo-1.1.tar.gz", "url": "https://private.example/files/demo-1.1.tar.gz", "hashes": {}}"#,
            #"{"filename": "demo-1.2.tar.gz", "url": "https://other:pw@elsewhere.example/demo-1.2.tar.gz", "hashes": {}}"#,
        ])
        let scannedBytes = try #require(scanned(body, page: privatePage, project: demo))
        #expect(scannedBytes == (try reference(body, page: privatePage, project: demo)))
        #expect(!String(decoding: scannedBytes, as: UTF8.self).contains("hunter2secret"))
    }

    @Test func aWholePageOfManyFilesIsIdentical() throws {
        let demo = try PackageName("demo")
        var entries: [String] = []
        for minor in 0..<300 {
            for tag in ["cp312-cp312-manylinux_2_17_x86_64", "cp311-cp311-macosx_11_0_arm64", "py3-none-any"] {
                let name = "demo-1.\(minor)-\(tag).whl"
                entries.append(#"{"core-metadata": {"sha256": "\#(sha)"}, "data-dist-info-metadata": {"sha256": "\#(sha)"}, "filename": "\#(name)", "hashes": {"sha256": "\#(minor)\#(sha)"}, "requires-python": "\#(minor % 2 == 0 ? ">=3.8" : ">=3.9")", "size": \#(minor * 1000 + 17), "upload-time": "2024-05-29T15:37:\#(10 + minor % 50).027275Z", "url": "https://files.pythonhosted.org/packages/ab/cd/\#(name)", "yanked": \#(minor % 7 == 0 ? "\"bad\"" : "false")}"#)
            }
            entries.append(#"{"filename": "demo-1.\#(minor).tar.gz", "url": "https://files.pythonhosted.org/packages/ab/cd/demo-1.\#(minor).tar.gz", "hashes": {"sha256": "\#(sha)"}}"#)
        }
        let body = page(entries)
        let scannedBytes = try #require(scanned(body, page: pageURL, project: demo))
        #expect(scannedBytes == (try reference(body, page: pageURL, project: demo)))
    }

    /// Pages the scanner leaves to the full parser still come out the same, or with its error.
    @Test(arguments: [
        #"{"files": ["#,
        #"{"files": [], "files": []}"#,
        #"{"files": []} trailing"#,
        #"{"files": [{"filename": "demo-1.0.tar.gz"}]}"#,
        #"{"files": [{"filename": 5, "url": "https://files.example/demo-1.0.tar.gz"}]}"#,
        #"{"files": [{"filename": "demo-1.0.tar.gz", "url": "mailto:someone"}]}"#,
        #"{"files": [{"filename": "demo-1.0.tar.gz", "url": "https://files.example/a", "hashes": {"sha256": "aa",}}]}"#,
        #"{"files": [{"filename": "demo-1.0.tar.gz", "url": "https://files.example/a", "hashes": {"SHA256": "aa", "sha256": "AA"}}]}"#,
        #"{"files": [{"filename": "demo-1.0.tar.gz", "url": "https://files.example/a", "size": 12x}]}"#,
        #"{"files": [{"filename": "demo-1.0.tar.gz", "url": "https://files.example/\u00zz"}]}"#,
        #"{"meta": {"api-version": "2.0"}, "files": []}"#,
        #"{"files": {}}"#,
        #"[]"#,
        #"{"name": "demo"}"#,
        "",
    ])
    func pagesItLeavesToTheParserGiveItsFilesOrItsError(body: String) throws {
        let demo = try PackageName("demo")
        let expected: Result<[UInt8], IndexError>
        do {
            expected = .success(try reference(body, page: pageURL, project: demo))
        } catch {
            expected = .failure(.page(error as! SimplePageError))
        }
        let actual: Result<[UInt8], IndexError>
        do {
            actual = .success(try written(body, page: pageURL, project: demo))
        } catch {
            actual = .failure(error)
        }
        #expect(actual == expected)
    }

    @Test func htmlPagesGoThroughTheParser() throws {
        let six = try PackageName("six")
        let bytes = try written(PyPIPages.sixHTML, contentType: "text/html", page: pageURL, project: six)
        let files = try SimplePageParser.parse(body: Array(PyPIPages.sixHTML.utf8), contentType: "text/html", pageURL: pageURL)
        #expect(bytes == ParsedPageEncoder.encode(files, project: six, pageCredentials: nil, source: .init(length: PyPIPages.sixHTML.utf8.count, digest: digest)))
    }

    @Test func storedFormOfURLs() {
        func end(_ url: String) -> Int? { Array(url.utf8).withUnsafeBytes { JSONPageScanner.storedFormEnd($0) } }
        #expect(end("https://files.example/a.whl#sha256=00") == "https://files.example/a.whl".utf8.count)
        #expect(end("http://127.0.0.1:8080/a?b") == "http://127.0.0.1:8080/a?b".utf8.count)
        for other in ["HTTPS://files.example/a", "https://Files.example/a", "https://u@files.example/a", "https://files.example",
                      "https://files.example:080/a", "https://files.example:/a", "https://[::1]/a", "https://files.example/a ",
                      "../a", "/a", "https://files.example?q/a", "https://:80/a"] {
            #expect(end(other) == nil, "\(other)")
        }
    }
}
