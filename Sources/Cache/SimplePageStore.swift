#if canImport(Glibc)
import Glibc
#endif
import PackagingModel
import SystemSupport

/// Which stored response: the URL requested, and the package whose page it is, if any.
public struct SimplePageKey: Sendable, Hashable {
    public let url: String
    /// The project a simple page lists; nil for pages of no single project (a find-links page).
    /// It places the entry under `simple-v1/<name>/`, where `kiln cache clean NAME` finds it.
    public let package: PackageName?

    public init(url: String, package: PackageName?) {
        self.url = url
        self.package = package
    }
}

/// HTTP responses for index pages (PEP 503 HTML, PEP 691 JSON), in `simple-v1`:
///
///     simple-v1/<normalised package name>/<first 16 hex digits of SHA-256(url)>
///     simple-v1/_unnamed/<…>                      pages of no single package
///
/// Each entry is one file (`CachedResponseCodec`) written to a temporary name and renamed over
/// the old one, so readers get the old response or the new one, never a mix. No lock: when two
/// processes fetch the same page at once, both write a complete response and the last one stays.
///
/// The index client's loop:
///
///     if let page = try store.read(key, defaultTTL: .seconds(600)), page.isFresh { use(page.response) }
///     else send the request with page?.response.conditionalRequestHeaders, then
///         304 → try store.refresh(key, cacheControl: …)   // returns the stored response, now fresh
///         200 → try store.write(response, for: key)
public struct SimplePageStore: Sendable {
    public let root: CacheRoot

    /// The directory of entries that belong to no package.
    static let unnamedDirectory = "_unnamed"

    public init(root: CacheRoot) {
        self.root = root
    }

    public func path(for key: SimplePageKey) throws(CacheError) -> String {
        try root.entryPath(.simple, [key.package?.normalized ?? Self.unnamedDirectory, CacheKey.digest(key.url)])
    }

    /// The stored response and its freshness, or nil if there is none (or it is unreadable, e.g.
    /// written by another layout: the next `write` replaces it). See
    /// `CachedResponse.freshnessLifetime` for what `defaultTTL` and `maximumTTL` mean.
    public func read(
        _ key: SimplePageKey, defaultTTL: Duration, maximumTTL: Duration? = nil, now: CacheTimestamp = .now
    ) throws(CacheError) -> CachedPage? {
        guard let response = try load(key) else { return nil }
        return CachedPage(
            response: response, age: max(0, now.seconds(since: response.storedAt)),
            lifetime: response.freshnessLifetime(defaultTTL: defaultTTL, maximumTTL: maximumTTL))
    }

    /// Stores `response` for `key`, replacing what was there. A `no-store` response is not stored
    /// (and removes an older one, which the server no longer wants kept); the result says whether
    /// it was stored.
    @discardableResult
    public func write(_ response: CachedResponse, for key: SimplePageKey) throws(CacheError) -> Bool {
        try writeReturningHead(response, for: key) != nil
    }

    /// `write`, returning the head of what was stored (nil when it was not: `no-store`).
    @discardableResult
    public func writeReturningHead(_ response: CachedResponse, for key: SimplePageKey) throws(CacheError) -> CachedResponseHead? {
        guard response.url == key.url else { throw .invalidKey(response.url) }
        guard !CachedResponseCodec.hasLineBreak(response.url) else { throw .invalidKey(response.url) }
        let path = try path(for: key)
        if response.cacheControl.noStore {
            do {
                try FileSystem.removeTree(path)
                try FileSystem.removeTree(Self.derivedPath(of: path))
            } catch {
                throw .io(error)
            }
            return nil
        }
        let (bytes, head) = CachedResponseCodec.encodeWithHead(response)
        do {
            try FileSystem.createDirectories(FileSystem.parent(of: path))
            try FileSystem.writeAtomically(bytes, to: path)
        } catch {
            throw .io(error)
        }
        return head
    }

    /// Where the parsed form of the response stored for `key` lives: beside it, under the same
    /// name plus `.parsed`, so `cache clean NAME` and a response's removal reach it too. What is
    /// in it is the index client's business; it records the body digest it was derived from.
    public func parsedPath(for key: SimplePageKey) throws(CacheError) -> String {
        Self.derivedPath(of: try path(for: key))
    }

    static func derivedPath(of path: String) -> String { DerivedEntry.path(beside: path) }

    /// The head of the stored response (its body not read), with its freshness; nil when none is
    /// stored or its head does not decode. Reads only the first few kilobytes of the entry.
    public func readHead(
        _ key: SimplePageKey, defaultTTL: Duration, maximumTTL: Duration? = nil, now: CacheTimestamp = .now
    ) throws(CacheError) -> CachedPageHead? {
        let path = try path(for: key)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw .io(SystemCallError("cannot open", path: path))
        }
        defer { close(fd) }
        var decoded: (CachedResponseHead, bodyStart: Int)?
        do {
            // A head is a few hundred bytes; one with very long validators takes a second read.
            for size in [8192, 1 << 20] {
                let prefix = try FileSystem.readRange(fd: fd, offset: 0, count: size, path: path)
                decoded = CachedResponseCodec.decodeHead(prefix[...])
                if decoded != nil || prefix.count < size { break }
            }
        } catch {
            throw .io(error)
        }
        guard let (head, _) = decoded, head.url == key.url else { return nil }
        return CachedPageHead(
            head: head, age: max(0, now.seconds(since: head.storedAt)),
            lifetime: head.freshnessLifetime(defaultTTL: defaultTTL, maximumTTL: maximumTTL))
    }

    /// After a `304 Not Modified`: the stored response, confirmed at `now`, with the validators and
    /// `Cache-Control` the 304 carried (pass nil for those it did not send) replacing the old
    /// ones, written back whole. Nil if nothing is stored any more (a `clean` ran in between:
    /// fetch again without validators).
    @discardableResult
    public func refresh(
        _ key: SimplePageKey, cacheControl: CacheControl? = nil, etag: String? = nil, lastModified: String? = nil,
        now: CacheTimestamp = .now
    ) throws(CacheError) -> CachedResponse? {
        try refreshReturningHead(key, cacheControl: cacheControl, etag: etag, lastModified: lastModified, now: now)?.response
    }

    /// `refresh`, also returning the head of what was written back (nil when the 304 said
    /// `no-store`: the entry is then removed, and the response returned for this one use).
    public func refreshReturningHead(
        _ key: SimplePageKey, cacheControl: CacheControl? = nil, etag: String? = nil, lastModified: String? = nil,
        now: CacheTimestamp = .now
    ) throws(CacheError) -> (response: CachedResponse, head: CachedResponseHead?)? {
        guard var response = try load(key) else { return nil }
        response.storedAt = now
        if let cacheControl { response.cacheControl = cacheControl }
        if let etag { response.etag = etag }
        if let lastModified { response.lastModified = lastModified }
        return (response, try writeReturningHead(response, for: key))
    }

    private func load(_ key: SimplePageKey) throws(CacheError) -> CachedResponse? {
        let path = try path(for: key)
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readBytes(path)
        } catch {
            if error.code == ENOENT { return nil }
            throw .io(error)
        }
        guard let response = CachedResponseCodec.decode(bytes), response.url == key.url else { return nil }
        return response
    }
}
