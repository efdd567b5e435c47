/// An HTTP response as the page store keeps it: the body plus what is needed to decide whether
/// it is still fresh and, when it is not, to revalidate it with a conditional request.
public struct CachedResponse: Sendable, Equatable {
    /// The URL that was requested (the store's key).
    public var url: String
    public var body: [UInt8]
    /// `Content-Type`, which tells a PEP 691 JSON page from a PEP 503 HTML one.
    public var contentType: String?
    /// `ETag`, sent back as `If-None-Match`.
    public var etag: String?
    /// `Last-Modified`, sent back as `If-Modified-Since`.
    public var lastModified: String?
    public var cacheControl: CacheControl
    /// When the response was received, or last confirmed by a 304.
    public var storedAt: CacheTimestamp

    public init(
        url: String, body: [UInt8], contentType: String? = nil, etag: String? = nil, lastModified: String? = nil,
        cacheControl: CacheControl = CacheControl(), storedAt: CacheTimestamp = .now
    ) {
        self.url = url
        self.body = body
        self.contentType = contentType
        self.etag = etag
        self.lastModified = lastModified
        self.cacheControl = cacheControl
        self.storedAt = storedAt
    }

    /// The validator headers of a conditional request for this response (empty if it has none,
    /// in which case only a full request will do).
    public var conditionalRequestHeaders: [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        if let etag { headers.append((name: "If-None-Match", value: etag)) }
        if let lastModified { headers.append((name: "If-Modified-Since", value: lastModified)) }
        return headers
    }

    /// How long the response may be used without revalidation: `no-cache` means not at all,
    /// the server's `max-age` when it sent one, else `defaultTTL`; never more than `maximumTTL`
    /// (`--refresh` passes zero).
    public func freshnessLifetime(defaultTTL: Duration, maximumTTL: Duration? = nil) -> Int64 {
        Self.freshnessLifetime(cacheControl, defaultTTL: defaultTTL, maximumTTL: maximumTTL)
    }

    static func freshnessLifetime(_ cacheControl: CacheControl, defaultTTL: Duration, maximumTTL: Duration?) -> Int64 {
        if cacheControl.noCache { return 0 }
        let lifetime = cacheControl.maxAge ?? defaultTTL.wholeSeconds
        guard let maximumTTL else { return lifetime }
        return min(lifetime, maximumTTL.wholeSeconds)
    }
}

/// A stored response together with its age, as `SimplePageStore.read` returns it. A stale page is
/// still returned: revalidate it, or use it as it is when offline.
public struct CachedPage: Sendable, Equatable {
    public let response: CachedResponse
    /// Seconds since the response was stored or last revalidated (0 if the clock went back).
    public let age: Int64
    /// Seconds it may be used for in all, from `CachedResponse.freshnessLifetime`.
    public let lifetime: Int64

    /// True while the page may be used without asking the server.
    public var isFresh: Bool { age < lifetime }
}
