import Cache
import PackagingModel
import SystemSupport

/// A project page's files, read from its parsed form in the cache when that is there and still
/// belongs to the stored response (same body length and SHA-256, checksum intact), else parsed
/// from the response body and the parsed form written beside it for the next run.
///
/// The parsed form is only ever a faster way to what the response says: one that is missing,
/// cut short, changed on disk, of another format version or derived from another body is not
/// read, and is replaced.
struct ParsedPages: Sendable {
    let fetcher: PageFetcher

    var store: SimplePageStore { fetcher.store }

    func files(of page: PageFetcher.FoundPage, project: PackageName, recordingIn log: PagesRead) async throws(IndexError) -> ParsedFiles {
        let stored: PageFetcher.StoredPage? = switch page.content {
        case .stored(let stored): stored
        case .received(_, _, let stored): stored
        }
        if let stored, let files = read(stored, pageURL: page.url) {
            if let digest = stored.head.bodySHA256 { log.record(PagesRead.Page(key: stored.key, bodySHA256: digest)) }
            return files
        }
        let files = try await parse(page, project: project)
        if let source = files.source, let digest = source.head.bodySHA256 {
            log.record(PagesRead.Page(key: source.key, bodySHA256: digest))
        } else {
            log.recordUntraceable()
        }
        return files.files
    }

    private func parse(_ page: PageFetcher.FoundPage, project: PackageName) async throws(IndexError) -> (files: ParsedFiles, source: PageFetcher.StoredPage?) {

        var (body, contentType, source) = try await fetcher.body(of: page)
        let encoder = try Self.encoder(body: body, contentType: contentType, pageURL: page.url, project: project)
        if let entry = source, entry.head.bodySHA256 == nil {
            // Stored before responses recorded their digest: store it again with one, so the
            // parsed form can be tied to it.
            source = try? store.writeReturningHead(
                CachedResponse(url: entry.key.url, body: body, contentType: entry.head.contentType, etag: entry.head.etag,
                               lastModified: entry.head.lastModified, cacheControl: entry.head.cacheControl, storedAt: entry.head.storedAt),
                for: entry.key).map { PageFetcher.StoredPage(key: entry.key, head: $0) }
        }
        guard let source, let digest = source.head.bodySHA256.flatMap(Self.digestBytes), source.head.bodyLength == body.count else {
            // Not cached (a `file://` page, a `no-store` response): nothing to tie a parsed form to.
            let unsourced = [UInt8](repeating: 0, count: 32)
            let encoded = encoder.finish(source: .init(length: 0, digest: unsourced))
            if let files = ParsedFiles(PageBytes.copying(encoded), sourceLength: 0, sourceDigest: unsourced, pageCredentials: page.url.credentials) {
                return (files, nil)
            }
            return (try Self.filesParsedAgain(body: body, contentType: contentType, page: page, project: project), nil)
        }
        let encoded = encoder.finish(source: .init(length: body.count, digest: digest))
        if let path = try? store.parsedPath(for: source.key) {
            // Not flushed: lost in a crash, it is rebuilt from the response. A failed write only
            // costs the next run this parse, so it is not an error of this one.
            try? FileSystem.writeAtomically(encoded, to: path, flush: false)
        }
        if let parsed = ParsedFiles(PageBytes.copying(encoded), sourceLength: body.count, sourceDigest: digest, pageCredentials: page.url.credentials) {
            return (parsed, source)
        }
        return (try Self.filesParsedAgain(body: body, contentType: contentType, page: page, project: project), source)
    }

    /// The page's files, encoded: a JSON page read in place by `JSONPageScanner` when it can,
    /// else (HTML, or JSON it leaves to the full parser) through `SimplePageParser`, which also
    /// gives the error of a malformed page.
    static func encoder(body: [UInt8], contentType: String?, pageURL: ParsedURL, project: PackageName) throws(IndexError) -> ParsedPageEncoder {
        if SimplePageParser.isJSON(contentType: contentType), let encoder = JSONPageScanner.encoder(body: body, pageURL: pageURL, project: project) {
            return encoder
        }
        var encoder = ParsedPageEncoder(project: project, pageCredentials: pageURL.credentials)
        do {
            encoder.add(try SimplePageParser.parse(body: body, contentType: contentType, pageURL: pageURL))
        } catch {
            throw .page(error)
        }
        return encoder
    }

    /// The files as values, should the encoded form not read back (it always should).
    private static func filesParsedAgain(body: [UInt8], contentType: String?, page: PageFetcher.FoundPage, project: PackageName) throws(IndexError) -> ParsedFiles {
        do {
            let files = try SimplePageParser.parse(body: body, contentType: contentType, pageURL: page.url)
            return ParsedFiles(files, project: project, pageCredentials: page.url.credentials)
        } catch {
            throw .page(error)
        }
    }

    /// The parsed form stored for `stored`, if it is sound and derived from that response.
    private func read(_ stored: PageFetcher.StoredPage, pageURL: ParsedURL) -> ParsedFiles? {
        guard let digest = stored.head.bodySHA256.flatMap(Self.digestBytes),
            let path = try? store.parsedPath(for: stored.key),
            let mapped = PageBytes.mapping(path)
        else { return nil }
        return ParsedFiles(mapped, sourceLength: stored.head.bodyLength, sourceDigest: digest, pageCredentials: pageURL.credentials)
    }

    /// 32 bytes from 64 lowercase hex digits.
    static func digestBytes(_ hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for pair in stride(from: 0, to: 64, by: 2) {
            guard let high = value(digits[pair]), let low = value(digits[pair + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }
}
