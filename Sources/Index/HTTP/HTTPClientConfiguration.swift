import SystemSupport

/// How the HTTP client connects: timeouts, retries, proxies, CA bundle and netrc. Built from the
/// environment once at the edge (`fromEnvironment`) so the client itself reads no globals and
/// tests can pass exactly what they mean.
public struct HTTPClientConfiguration: Sendable {
    public var connectTimeout: Duration = .seconds(15)
    /// A transfer slower than 1 byte/s for this long counts as stalled and is retried.
    public var stallTimeout: Duration = .seconds(30)
    public var retry = RetryPolicy()
    /// Simultaneous connections per host; HTTP/2 servers multiplex everything over one.
    public var maxConnectionsPerHost = 8
    public var proxies = ProxySettings()
    /// A PEM bundle replacing the system's CA store; nil uses libcurl's built-in default.
    public var caBundle: String?
    /// The netrc file consulted for credentials of hosts whose URL carries none.
    public var netrcPath: String?
    public var userAgent = "kiln"

    public init() {}

    /// Reads `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY`/`NO_PROXY` (either case), `SSL_CERT_FILE`,
    /// then `REQUESTS_CA_BUNDLE`, then `CURL_CA_BUNDLE`, and `NETRC` (else `~/.netrc`).
    public static func fromEnvironment(_ environment: [String: String], userAgent: String = "kiln") -> HTTPClientConfiguration {
        var configuration = HTTPClientConfiguration()
        configuration.userAgent = userAgent
        configuration.proxies = ProxySettings(environment: environment)
        for key in ["SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"] {
            if let path = environment[key], !path.isEmpty, FileSystem.exists(path) {
                configuration.caBundle = path
                break
            }
        }
        if let netrc = environment["NETRC"], !netrc.isEmpty {
            configuration.netrcPath = netrc
        } else if let home = environment["HOME"], !home.isEmpty {
            configuration.netrcPath = FileSystem.join(home, ".netrc")
        }
        return configuration
    }
}

/// Retries with exponential backoff for failures that a second try can fix: connection resets,
/// stalls, cut bodies and 5xx answers. 4xx answers are the server's final word.
public struct RetryPolicy: Sendable {
    /// Total attempts, the first included.
    public var attempts = 4
    public var initialDelay: Duration = .milliseconds(250)
    public var maxDelay: Duration = .seconds(4)

    public init(attempts: Int = 4, initialDelay: Duration = .milliseconds(250), maxDelay: Duration = .seconds(4)) {
        self.attempts = max(1, attempts)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
    }

    /// The pause before attempt `attempt + 1` (attempt counts from 1), with ±25 % jitter so that
    /// many clients do not retry in lockstep.
    func delay(after attempt: Int) -> Duration {
        var delay = initialDelay
        for _ in 1..<max(1, attempt) { delay = min(delay * 2, maxDelay) }
        let jitter = Double.random(in: 0.75...1.25)
        return delay * jitter
    }
}

/// Proxy URLs per scheme, made explicit because libcurl reads only some of these variables
/// itself (it ignores upper-case `HTTP_PROXY`, for instance).
public struct ProxySettings: Sendable, Equatable {
    public var httpsProxy: String?
    public var httpProxy: String?
    /// Comma-separated hosts/domains that bypass the proxy, passed to curl as is.
    public var noProxy: String?

    public init(httpsProxy: String? = nil, httpProxy: String? = nil, noProxy: String? = nil) {
        self.httpsProxy = httpsProxy
        self.httpProxy = httpProxy
        self.noProxy = noProxy
    }

    init(environment: [String: String]) {
        func first(_ names: String...) -> String? {
            for name in names {
                if let value = environment[name], !value.isEmpty { return value }
            }
            return nil
        }
        let all = first("ALL_PROXY", "all_proxy")
        httpsProxy = first("HTTPS_PROXY", "https_proxy") ?? all
        httpProxy = first("HTTP_PROXY", "http_proxy") ?? all
        noProxy = first("NO_PROXY", "no_proxy")
    }

    /// The proxy for `url`, or nil to connect directly. An empty string tells curl "no proxy"
    /// so it does not fall back to variables of its own choosing.
    func proxy(for url: ParsedURL) -> String {
        switch url.scheme {
        case "https": return httpsProxy ?? ""
        case "http": return httpProxy ?? ""
        default: return ""
        }
    }
}
