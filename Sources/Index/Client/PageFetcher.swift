import Cache
import PackagingModel

/// Gets one index page through the page cache (`simple-v1`): a fresh stored page is used as is; a
/// stale one is revalidated with `If-None-Match`/`If-Modified-Since` (a 304 refreshes its stored
/// time); a page without validators is fetched again once its freshness window has passed.
/// `file://` pages are read directly and never cached.
///
/// A page found in the cache is handed over by its head alone: its body (megabytes for big
/// projects) is read only when its parsed form (`ParsedPages`) is missing or stale.
struct PageFetcher: Sendable {
    let client: HTTPClient
    let store: SimplePageStore
    let mode: PageCacheMode
    let ttl: Duration

    enum Outcome: Sendable {
        case found(FoundPage)
        /// 404/410: this index does not have the page.
        case missing
    }

    /// A page that exists: received just now, or in the cache.
    struct FoundPage: Sendable {
        /// The URL links on the page resolve against.
        let url: ParsedURL
        let content: Content

        enum Content: Sendable {
            /// Received now (or read from a `file://` URL); `stored` is where and as what it was
            /// cached, if it was.
            case received(body: [UInt8], contentType: String?, stored: StoredPage?)
            /// In the cache; only its head has been read.
            case stored(StoredPage)
        }
    }

    struct StoredPage: Sendable {
        let key: SimplePageKey
        let head: CachedResponseHead
    }

    func fetch(_ url: ParsedURL, package: PackageName?) async throws(IndexError) -> Outcome {
        let request = HTTPRequest(url: url, headers: [(name: "Accept", value: SimplePageParser.acceptHeader)])
        if url.isFile { return try outcome(of: await send(request)) }

        let key = SimplePageKey(url: url.requestString, package: package)
        let stored: CachedPageHead?
        do {
            stored = try store.readHead(key, defaultTTL: ttl, maximumTTL: mode == .refresh ? .zero : nil)
        } catch {
            throw .cache(error)
        }
        if mode == .offline {
            guard let stored else { throw .notCachedOffline(url: url.redacted) }
            return .found(FoundPage(url: url, content: .stored(StoredPage(key: key, head: stored.head))))
        }
        if let stored, stored.isFresh { return .found(FoundPage(url: url, content: .stored(StoredPage(key: key, head: stored.head)))) }

        var conditional = request
        if let head = stored?.head {
            if let etag = head.etag { conditional.headers.append((name: "If-None-Match", value: etag)) }
            if let lastModified = head.lastModified { conditional.headers.append((name: "If-Modified-Since", value: lastModified)) }
        }
        let response = try await send(conditional)
        if response.status == 304, stored != nil {
            do {
                if let (refreshed, head) = try store.refreshReturningHead(
                    key, cacheControl: cacheControl(response.headers), etag: response.headers["etag"],
                    lastModified: response.headers["last-modified"]) {
                    let stored = head.map { StoredPage(key: key, head: $0) }
                    return .found(FoundPage(url: url, content: .received(body: refreshed.body, contentType: refreshed.contentType, stored: stored)))
                }
            } catch {
                throw .cache(error)
            }
            // The entry vanished between read and refresh (a `cache clean`): ask again, unconditionally.
            return try outcome(of: await send(request), storeAs: key)
        }
        return try outcome(of: response, storeAs: key)
    }

    /// The body and content type of `page`: read from the cache for a stored page (fetched
    /// again, unless offline, if the entry vanished or was cut short since its head was read).
    func body(of page: FoundPage) async throws(IndexError) -> (body: [UInt8], contentType: String?, stored: StoredPage?) {
        switch page.content {
        case .received(let body, let contentType, let stored):
            return (body, contentType, stored)
        case .stored(let stored):
            let cached: CachedPage?
            do {
                cached = try store.read(stored.key, defaultTTL: ttl)
            } catch {
                throw .cache(error)
            }
            if let response = cached?.response {
                return (response.body, response.contentType, stored)
            }
            if mode == .offline { throw .notCachedOffline(url: page.url.redacted) }
            let request = HTTPRequest(url: page.url, headers: [(name: "Accept", value: SimplePageParser.acceptHeader)])
            guard case .found(let again) = try outcome(of: await send(request), storeAs: stored.key),
                case .received(let body, let contentType, let restored) = again.content
            else { throw .page(.malformed(url: page.url.redacted, reason: "the page is gone from the index")) }
            return (body, contentType, restored)
        }
    }

    private func send(_ request: HTTPRequest) async throws(IndexError) -> HTTPResponse {
        do {
            return try await client.fetch(request)
        } catch {
            throw .http(error)
        }
    }

    private func outcome(of response: HTTPResponse, storeAs key: SimplePageKey? = nil) throws(IndexError) -> Outcome {
        switch response.status {
        case 200..<300:
            var stored: StoredPage?
            if let key {
                let cached = CachedResponse(
                    url: key.url, body: response.body, contentType: response.headers["content-type"],
                    etag: response.headers["etag"], lastModified: response.headers["last-modified"],
                    cacheControl: cacheControl(response.headers) ?? CacheControl())
                do {
                    stored = try store.writeReturningHead(cached, for: key).map { StoredPage(key: key, head: $0) }
                } catch {
                    throw .cache(error)
                }
            }
            return .found(FoundPage(
                url: response.url, content: .received(body: response.body, contentType: response.headers["content-type"], stored: stored)))
        case 404, 410:
            return .missing
        default:
            throw .http(.status(code: response.status, url: response.url.redacted, attempts: 1))
        }
    }

    private func cacheControl(_ headers: HTTPHeaders) -> CacheControl? {
        let values = headers.fields.filter { $0.name == "cache-control" }.map(\.value)
        return values.isEmpty ? nil : CacheControl(header: values.joined(separator: ", "))
    }
}
