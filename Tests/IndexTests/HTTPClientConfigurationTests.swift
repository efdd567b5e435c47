import Index
import Testing
import TestSupport

@Suite struct HTTPClientConfigurationTests {
    @Test func readsProxiesCABundleAndNetrcFromTheEnvironment() throws {
        let bundle = try TemporaryDirectory("kiln-ca")
        let pem = bundle.file("ca.pem")
        try "".write(toFile: pem, atomically: false, encoding: .utf8)
        let configuration = HTTPClientConfiguration.fromEnvironment([
            "HTTP_PROXY": "http://proxy:3128", "https_proxy": "http://secure-proxy:3128", "NO_PROXY": "localhost,.internal",
            "REQUESTS_CA_BUNDLE": pem, "NETRC": "/etc/kiln-netrc", "HOME": "/home/someone",
        ])
        #expect(configuration.proxies == ProxySettings(httpsProxy: "http://secure-proxy:3128", httpProxy: "http://proxy:3128", noProxy: "localhost,.internal"))
        #expect(configuration.caBundle == pem)
        #expect(configuration.netrcPath == "/etc/kiln-netrc")

        let defaults = HTTPClientConfiguration.fromEnvironment(["HOME": "/home/someone", "SSL_CERT_FILE": "/nonexistent.pem"])
        #expect(defaults.proxies == ProxySettings())
        #expect(defaults.caBundle == nil)
        #expect(defaults.netrcPath == "/home/someone/.netrc")
    }

    @Test func sendsPlainHTTPThroughTheProxyUnlessNoProxyMatches() async throws {
        let proxy = try await IndexTestRig()
        var configuration = HTTPClientConfiguration.forTests
        configuration.retry = RetryPolicy(attempts: 1)
        configuration.proxies = ProxySettings(httpProxy: proxy.server.url("/"))
        let client = HTTPClient(configuration: configuration)
        let response = try await client.fetch(HTTPRequest(url: try #require(ParsedURL("http://index.invalid/simple/six/"))))
        #expect(response.status == 404)  // the proxy is a test server that serves no such path
        #expect(try proxy.server.requests().map(\.path) == ["http://index.invalid/simple/six/"])

        configuration.proxies.noProxy = "index.invalid"
        let direct = HTTPClient(configuration: configuration)
        await #expect(throws: HTTPError.self) {
            try await direct.fetch(HTTPRequest(url: try #require(ParsedURL("http://index.invalid/simple/six/"))))
        }
        #expect(try proxy.server.requests().count == 1)
    }

    @Test func usesCredentialsFromNetrcForHostsWithoutUserinfo() async throws {
        let rig = try await IndexTestRig()
        try rig.fixture.add(project: "six", filename: "six-1.0.tar.gz")
        let netrc = try TemporaryDirectory("kiln-netrc")
        try "machine 127.0.0.1\nlogin carol\npassword s3cret\n".write(toFile: netrc.file("netrc"), atomically: false, encoding: .utf8)
        var configuration = HTTPClientConfiguration.forTests
        configuration.netrcPath = netrc.file("netrc")
        let client = HTTPClient(configuration: configuration)
        _ = try await client.fetch(HTTPRequest(url: try #require(ParsedURL(rig.server.url("/simple/six/")))))
        // "carol:s3cret"
        #expect(try rig.server.requests(for: "/simple/six/").first?.headers["authorization"] == "Basic Y2Fyb2w6czNjcmV0")
    }
}
