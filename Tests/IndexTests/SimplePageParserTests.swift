import Index
import Testing

@Suite struct SimplePageParserTests {
    let page = ParsedURL("https://pypi.org/simple/six/")!

    @Test func parsesRealHTMLPageWithHashesRequiresPythonAndUploadTime() throws {
        let files = try SimplePageParser.parse(body: Array(PyPIPages.sixHTML.utf8), contentType: "text/html", pageURL: page)
        #expect(files.map(\.filename) == [
            "six-1.16.0.tar.gz", "six-1.16.0-py2.py3-none-any.whl", "six-1.17.0.tar.gz", "six-1.17.0-py2.py3-none-any.whl",
        ])
        let wheel = files[1]
        #expect(wheel.hashes.sha256 == "8abb2f1d86890a2dfb989f9a77cfcfd3e47c2a354b01111771326f8aa26e0254")
        #expect(wheel.url.requestString == "https://files.pythonhosted.org/packages/d9/5a/e7c31adbe875f2abbb91bd84cf2dc52d792b5a01506781dbcf25c91daf11/six-1.16.0-py2.py3-none-any.whl")
        #expect(wheel.url.fragment == nil)
        #expect(wheel.requiresPython == ">=2.7, !=3.0.*, !=3.1.*, !=3.2.*")
        #expect(files[2].requiresPython == "!=3.0.*,!=3.1.*,!=3.2.*,>=2.7")
        #expect(wheel.uploadTime == Timestamp(rfc3339: "2021-05-05T14:18:17.237677Z"))
        #expect(wheel.yanked == .notYanked)
        #expect(wheel.coreMetadata == .unavailable)
    }

    @Test func parsesYankedReasonFromRealHTMLPage() throws {
        let files = try SimplePageParser.parse(body: Array(PyPIPages.requestsHTML.utf8), contentType: "text/html; charset=utf-8", pageURL: page)
        #expect(files.count == 4)
        #expect(files[0].yanked == .yanked(reason: "Yanked due to conflicts with CVE-2024-35195 mitigation"))
        #expect(files[2].yanked == .notYanked)
        #expect(files[0].requiresPython == ">=3.8")
    }

    @Test func parsesJSONPageWithMetadataBothSpellingsSizeAndYanked() throws {
        let files = try SimplePageParser.parse(
            body: Array(PyPIPages.requestsJSON.utf8), contentType: "application/vnd.pypi.simple.v1+json", pageURL: page)
        #expect(files.map(\.filename) == ["requests-2.32.0-py3-none-any.whl", "requests-2.32.3-py3-none-any.whl", "requests-2.32.3.tar.gz"])
        #expect(files[0].yanked == .yanked(reason: "Yanked due to conflicts with CVE-2024-35195 mitigation"))
        #expect(files[0].coreMetadata == .unavailable)
        #expect(files[1].coreMetadata == .available(FileHashes(["sha256": "658ee8454c1e2e76fb8c2127116f61156b3b22941b3559c00389dca70038581a"])))
        #expect(files[1].size == 64928)
        #expect(files[1].hashes.sha256 == "70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6")
        #expect(files[1].uploadTime == Timestamp(rfc3339: "2024-05-29T15:37:47.027275Z"))
        #expect(files[1].metadataURL.path.hasSuffix("requests-2.32.3-py3-none-any.whl.metadata"))
        #expect(files[2].coreMetadata == .unavailable)
    }

    @Test func resolvesRelativeLinksAndBaseHref() throws {
        let html = """
            <html><body>
            <a href="../../files/a-1.0.tar.gz#sha256=AB12">a-1.0.tar.gz</a>
            <a href='/abs/a-2.0.whl' data-yanked data-dist-info-metadata="sha256=cd34">a-2.0.whl</a>
            <A HREF=a-3.0.zip data-core-metadata="true" data-requires-python="&lt;4,&gt;=3.8">a-3.0.zip</A>
            <!-- <a href="commented-out.whl">x</a> -->
            </body></html>
            """
        let files = try SimplePageParser.parse(body: Array(html.utf8), contentType: nil, pageURL: ParsedURL("http://host:8080/simple/a/")!)
        #expect(files.map(\.url.requestString) == [
            "http://host:8080/files/a-1.0.tar.gz", "http://host:8080/abs/a-2.0.whl", "http://host:8080/simple/a/a-3.0.zip",
        ])
        #expect(files[0].hashes.sha256 == "ab12")
        #expect(files[1].yanked == .yanked(reason: nil))
        #expect(files[1].coreMetadata == .available(FileHashes(["sha256": "cd34"])))
        #expect(files[2].coreMetadata == .available(FileHashes()))
        #expect(files[2].requiresPython == "<4,>=3.8")

        let based = "<base href=\"https://mirror.example/pkgs/\"><a href=\"b-1.whl\">b-1.whl</a>"
        let rebased = try SimplePageParser.parse(body: Array(based.utf8), contentType: "text/html", pageURL: page)
        #expect(rebased.first?.url.requestString == "https://mirror.example/pkgs/b-1.whl")
    }

    @Test func rejectsMalformedJSONAndFutureMajorVersions() {
        #expect(throws: SimplePageError.self) {
            try SimplePageParser.parse(body: Array("{\"files\": [".utf8), contentType: "application/vnd.pypi.simple.v1+json", pageURL: page)
        }
        let future = "{\"meta\":{\"api-version\":\"2.0\"},\"files\":[]}"
        #expect(throws: SimplePageError.unsupportedVersion(url: page.redacted, version: "2.0")) {
            try SimplePageParser.parse(body: Array(future.utf8), contentType: "application/vnd.pypi.simple.v1+json", pageURL: page)
        }
    }
}

@Suite struct TimestampTests {
    @Test func parsesRFC3339WithFractionsOffsetsAndBareDates() throws {
        let utc = try #require(Timestamp(rfc3339: "2024-05-20T16:08:19.530618Z"))
        #expect(utc.microsecondsSinceEpoch == 1_716_221_299_530_618)
        #expect(Timestamp(rfc3339: "2024-05-20T18:08:19.530618+02:00") == utc)
        #expect(Timestamp(rfc3339: "1970-01-01")?.microsecondsSinceEpoch == 0)
        #expect(Timestamp(rfc3339: "2024-05-20") ?? utc < utc)
        #expect(Timestamp(rfc3339: "yesterday") == nil)
        #expect(Timestamp(rfc3339: "2024-13-01") == nil)
    }
}
