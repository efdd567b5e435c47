import Index
import Testing

@Suite struct ParsedURLTests {
    @Test func splitsCredentialsHostPortAndPath() throws {
        let url = try #require(ParsedURL("https://alice:s%40cret@Index.Example.com:8443/simple/?x=1#frag"))
        #expect(url.scheme == "https")
        #expect(url.credentials == ParsedURL.Credentials(user: "alice", password: "s@cret"))
        #expect(url.host == "index.example.com")
        #expect(url.port == 8443)
        #expect(url.path == "/simple/")
        #expect(url.query == "x=1")
        #expect(url.hostAndPort == "index.example.com:8443")
        #expect(url.requestString == "https://index.example.com:8443/simple/?x=1")
    }

    @Test func redactedFormNeverHoldsThePassword() throws {
        let withPassword = try #require(ParsedURL("https://alice:hunter2@host/simple/"))
        #expect(withPassword.redacted.text == "https://alice:****@host/simple/")
        let tokenOnly = try #require(ParsedURL("https://ghp_TOKEN123@host/simple/"))
        #expect(tokenOnly.redacted.text == "https://****@host/simple/")
        #expect(!tokenOnly.redacted.text.contains("TOKEN"))
    }

    @Test func resolvesReferencesLikeRFC3986() throws {
        let base = try #require(ParsedURL("https://host/simple/six/"))
        #expect(base.resolving("../../packages/six.whl#sha256=ab")?.requestString == "https://host/packages/six.whl")
        #expect(base.resolving("../../packages/six.whl#sha256=ab")?.fragment == "sha256=ab")
        #expect(base.resolving("/root.whl")?.requestString == "https://host/root.whl")
        #expect(base.resolving("//cdn.example/x.whl")?.requestString == "https://cdn.example/x.whl")
        #expect(base.resolving("x.whl")?.requestString == "https://host/simple/six/x.whl")
        #expect(base.resolving("http://other/y.whl")?.host == "other")
        #expect(base.resolving("mailto:someone") == nil)
    }

    @Test func joinsProjectNamesAsDirectories() throws {
        let index = try #require(ParsedURL("file:///srv/my%20index/simple"))
        #expect(index.appendingDirectory("six").path == "/srv/my%20index/simple/six/")
        #expect(index.appendingDirectory("six").filePath == "/srv/my index/simple/six/")
        #expect(ParsedURL("not a url") == nil)
        #expect(ParsedURL("https://host:99999/") == nil)
    }
}
