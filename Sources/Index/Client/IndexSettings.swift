import SystemSupport

/// Where to look for packages and how to use the cache, parsed from the global options.
public struct IndexSettings: Sendable {
    /// `--index-url` first, then each `--extra-index-url`; empty under `--no-index`. A name is taken
    /// from the first of these that has it, never mixed across them (dependency confusion).
    public var indexes: [ParsedURL]
    /// `--find-links` directories and pages; their files are added to whatever the index has.
    public var findLinks: [FindLinksLocation]
    /// `--exclude-newer`: index files uploaded after this (or with no upload time) are ignored.
    public var excludeNewer: Timestamp?
    public var cacheMode: PageCacheMode
    /// How long a page without `Cache-Control: max-age` is used before asking again.
    public var pageTTL: Duration
    /// How long to wait for another process downloading the same file (`KILN_LOCK_TIMEOUT`).
    public var lockTimeout: Duration

    public static let defaultIndex = "https://pypi.org/simple/"
    public static let defaultPageTTL = Duration.seconds(600)

    public init(indexes: [ParsedURL], findLinks: [FindLinksLocation] = [], excludeNewer: Timestamp? = nil,
                cacheMode: PageCacheMode = .normal, pageTTL: Duration = IndexSettings.defaultPageTTL,
                lockTimeout: Duration = .seconds(600)) {
        self.indexes = indexes.map(\.asDirectory)
        self.findLinks = findLinks
        self.excludeNewer = excludeNewer
        self.cacheMode = cacheMode
        self.pageTTL = pageTTL
        self.lockTimeout = lockTimeout
    }

    /// Builds the settings from command-line values (`KILN_INDEX_URL` and `KILN_INDEX_TTL` are
    /// read from `environment`). Relative find-links paths are taken from `workingDirectory`.
    public static func parse(
        indexURL: String?, extraIndexURLs: [String], noIndex: Bool, findLinks: [String], excludeNewer: String?,
        offline: Bool, refresh: Bool, environment: [String: String], lockTimeout: Duration
    ) throws(IndexError) -> IndexSettings {
        var indexes: [ParsedURL] = []
        if !noIndex {
            let primary = indexURL ?? environment["KILN_INDEX_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultIndex
            for text in [primary] + extraIndexURLs {
                guard let url = location(text) else { throw .invalidLocation(ParsedURL(text)?.redacted.text ?? text) }
                indexes.append(url)
            }
        }
        var links: [FindLinksLocation] = []
        for text in findLinks {
            guard let url = location(text) else { throw .invalidLocation(ParsedURL(text)?.redacted.text ?? text) }
            links.append(FindLinksLocation(url: url))
        }
        var cutoff: Timestamp?
        if let excludeNewer {
            guard let parsed = Timestamp(rfc3339: excludeNewer) else {
                throw .invalidExcludeNewer(excludeNewer)
            }
            cutoff = parsed
        }
        var ttl = defaultPageTTL
        if let text = environment["KILN_INDEX_TTL"], let seconds = Double(text), seconds >= 0 {
            ttl = .milliseconds(Int64(seconds * 1000))
        }
        let mode: PageCacheMode = offline ? .offline : (refresh ? .refresh : .normal)
        return IndexSettings(indexes: indexes, findLinks: links, excludeNewer: cutoff, cacheMode: mode, pageTTL: ttl, lockTimeout: lockTimeout)
    }

    /// An http(s)/file URL, or a local path made into a file URL.
    static func location(_ text: String) -> ParsedURL? {
        if let url = ParsedURL(text) {
            return ["http", "https", "file"].contains(url.scheme) ? url : nil
        }
        guard !text.isEmpty, !text.contains("://") else { return nil }
        let absolute = FileSystem.absolute(text)
        return ParsedURL("file://" + absolute.split(separator: "/").map { PercentEncoding.encodePathSegment(String($0)) }
            .reduce("") { $0 + "/" + $1 })
    }
}

/// How index pages are taken from the cache.
public enum PageCacheMode: Sendable, Equatable {
    /// Fresh pages from the cache, stale ones revalidated.
    case normal
    /// `--refresh`: every page revalidated (or fetched again when it has no validators).
    case refresh
    /// `--offline`: the cache alone, stale or not; a page never fetched is an error.
    case offline
}

/// A `--find-links` location: a directory of files (`file://`) or an HTML page of links.
public struct FindLinksLocation: Sendable, Hashable {
    public let url: ParsedURL

    public init(url: ParsedURL) {
        self.url = url
    }
}
