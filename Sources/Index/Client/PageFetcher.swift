import Cache
import PackagingModel

/// Gets one index page through the page cache (`simple-v1`): a fresh stored page is used as is; a
/// stale one is revalidated with `If-None-Match`/`If-Modified-Since` (a 304 refreshes its stored
/// time); a page without validators is fetched again once its freshness window has passed.
/// `file://` pages are read directly and never cached.
struct PageFetcher: Sendable {
    let client: HTTPClient
    let store: SimplePageStore
    let mode: PageCacheMode
    let ttl: Duration

    enum Outcome: Sendable {
        case found(body: [UInt8], contentType: String?, url: ParsedURL)
        /// 404/410: this index does not have the page.
        case missing
    }

    func fetch(_ url: ParsedURL, package: PackageName?) async throws(IndexError) -> Outcome {
        let request = HTTPRequest(url: url, headers: [(name: "Accept", value: SimplePageParser.acceptHeader)])
        if url.isFile { return try outcome(of: await send(request)) }

        let key = SimplePageKey(url: url.requestString, package: package)
        let stored: CachedPage?
        do {
            stored = try store.read(key, defaultTTL: ttl, maximumTTL: mode == .refresh ? .zero : nil)
        } catch {
            throw .cache(error)
        }
        if mode == .offline {
            guard let stored else { throw .notCachedOffline(url: url.redacted) }
            return found(stored.response, url: url)
        }
        if let stored, stored.isFresh { return found(stored.response, url: url) }

        var conditional = request
        conditional.headers += stored?.response.conditionalRequestHeaders ?? []
        let response = try await send(conditional)
        if response.status == 304, stored != nil {
            do {
                if let refreshed = try store.refresh(
                    key, cacheControl: cacheControl(response.headers), etag: response.headers["etag"],
                    lastModified: response.headers["last-modified"]) {
                    return found(refreshed, url: url)
                }
            } catch {
                throw .cache(error)
            }
            // The entry vanished between read and refresh (a `cache clean`): ask again, unconditionally.
            return try outcome(of: await send(request), storeAs: key)
        }
        return try outcome(of: response, storeAs: key)
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
            if let key {
                let cached = CachedResponse(
                    url: key.url, body: response.body, contentType: response.headers["content-type"],
                    etag: response.headers["etag"], lastModified: response.headers["last-modified"],
                    cacheControl: cacheControl(response.headers) ?? CacheControl())
                do {
                    try store.write(cached, for: key)
                } catch {
                    throw .cache(error)
                }
            }
            return .found(body: response.body, contentType: response.headers["content-type"], url: response.url)
        case 404, 410:
            return .missing
        default:
            throw .http(.status(code: response.status, url: response.url.redacted, attempts: 1))
        }
    }

    private func found(_ response: CachedResponse, url: ParsedURL) -> Outcome {
        .found(body: response.body, contentType: response.contentType, url: url)
    }

    private func cacheControl(_ headers: HTTPHeaders) -> CacheControl? {
        let values = headers.fields.filter { $0.name == "cache-control" }.map(\.value)
        return values.isEmpty ? nil : CacheControl(header: values.joined(separator: ", "))
    }
}
