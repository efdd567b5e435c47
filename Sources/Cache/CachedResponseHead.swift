/// A stored response without its body: enough to decide whether it is fresh, to revalidate it,
/// and to tell whether something derived from its body (a parsed page) still belongs to it.
public struct CachedResponseHead: Sendable, Equatable {
    public let url: String
    public let contentType: String?
    public let etag: String?
    public let lastModified: String?
    public let cacheControl: CacheControl
    public let storedAt: CacheTimestamp
    public let bodyLength: Int
    /// Lowercase hex SHA-256 of the body; nil in entries written before kiln recorded it.
    public let bodySHA256: String?

    public func freshnessLifetime(defaultTTL: Duration, maximumTTL: Duration? = nil) -> Int64 {
        CachedResponse.freshnessLifetime(cacheControl, defaultTTL: defaultTTL, maximumTTL: maximumTTL)
    }
}

/// A stored response's head with its age, as `SimplePageStore.readHead` returns it.
public struct CachedPageHead: Sendable, Equatable {
    public let head: CachedResponseHead
    public let age: Int64
    public let lifetime: Int64

    public var isFresh: Bool { age < lifetime }
}
