/// Why a request failed, with the (credential-free) URL and what the user can do.
public enum HTTPError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The server could not be reached at all (refused, DNS, TLS handshake, connect timeout).
    case hostUnreachable(host: String, url: RedactedURL, reason: String, attempts: Int)
    /// The connection broke or stalled mid-transfer, after all retries.
    case transferFailed(url: RedactedURL, reason: String, attempts: Int)
    /// The body ended before Content-Length said it would, after all retries.
    case truncatedBody(url: RedactedURL, attempts: Int)
    /// A status the caller does not handle (4xx, or 5xx after retries).
    case status(code: Int, url: RedactedURL, attempts: Int)
    case unsupportedScheme(url: RedactedURL)
    case localFile(path: String, reason: String)
    case cancelled(url: RedactedURL)
    /// libcurl, which kiln loads on first use, is missing or unusable.
    case libraryUnavailable(reason: String)

    public var description: String {
        switch self {
        case .hostUnreachable(let host, let url, let reason, let attempts):
            return "cannot reach \(host) (\(reason)) while fetching \(url)\(Self.tries(attempts)); check the network, the proxy settings (HTTPS_PROXY, NO_PROXY) and the index URL, or use --offline"
        case .transferFailed(let url, let reason, let attempts):
            return "download of \(url) failed: \(reason)\(Self.tries(attempts))"
        case .truncatedBody(let url, let attempts):
            return "the server closed the connection before sending all of \(url)\(Self.tries(attempts))"
        case .status(let code, let url, let attempts):
            let hint = code == 401 || code == 403 ? "; check the credentials (URL userinfo or ~/.netrc)" : ""
            return "HTTP \(code) from \(url)\(Self.tries(attempts))\(hint)"
        case .unsupportedScheme(let url):
            return "unsupported URL scheme in \(url); use https://, http:// or file://"
        case .localFile(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .libraryUnavailable(let reason):
            return reason
        case .cancelled(let url):
            return "cancelled while fetching \(url)"
        }
    }

    private static func tries(_ attempts: Int) -> String {
        attempts > 1 ? " (after \(attempts) attempts)" : ""
    }
}
