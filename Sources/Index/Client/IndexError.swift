import Cache
import PackagingModel

/// Why the index could not answer, with the page, file or host the user needs to see.
public enum IndexError: Error, Equatable, Sendable, CustomStringConvertible {
    case http(HTTPError)
    case page(SimplePageError)
    case cache(CacheError)
    /// `--offline` and the page was never fetched.
    case notCachedOffline(url: RedactedURL)
    case packageNotFound(name: PackageName, searched: [RedactedURL])
    /// The downloaded bytes are not the file the index described; nothing was cached.
    case hashMismatch(filename: String, url: RedactedURL, expected: String, actual: String)
    /// The index gave a hash kiln cannot use as a cache key (not 64 hex digits).
    case invalidHash(filename: String, value: String)
    case invalidLocation(String)
    case invalidExcludeNewer(String)

    public var description: String {
        switch self {
        case .http(let error):
            return error.description
        case .page(let error):
            return error.description
        case .cache(let error):
            return error.description
        case .notCachedOffline(let url):
            return "\(url) is not in the cache and --offline forbids fetching it; run once without --offline"
        case .packageNotFound(let name, let searched):
            let places = searched.isEmpty ? "no index or --find-links location is configured" : "searched " + searched.map(\.text).joined(separator: ", ")
            return "no package named '\(name)' was found (\(places))"
        case .hashMismatch(let filename, let url, let expected, let actual):
            return "\(filename) downloaded from \(url) has SHA-256 \(actual), but the index lists \(expected); the file was not cached (a proxy or mirror may be serving a different file)"
        case .invalidHash(let filename, let value):
            return "the index lists '\(value)' as the SHA-256 of \(filename), which is not a SHA-256 digest"
        case .invalidLocation(let text):
            return "'\(text)' is not a usable index or --find-links location; give an http(s):// or file:// URL or a directory"
        case .invalidExcludeNewer(let text):
            return "--exclude-newer '\(text)' is not a timestamp; give RFC 3339 (2024-05-01T00:00:00Z) or a date (2024-05-01)"
        }
    }
}
