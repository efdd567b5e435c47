import SystemSupport

/// The on-disk form of a `CachedResponse`: a few `name: value` header lines, a blank line, then
/// the body bytes as received. One file per response, so one rename publishes it whole.
///
///     kiln-cached-response 1
///     url: https://pypi.org/simple/six/
///     stored-at: 1732190000
///     content-type: application/vnd.pypi.simple.v1+json
///     etag: "abc"
///     cache-control: max-age=600
///     body-length: 12345
///     body-sha256: 9f86d081884c7d65…
///
///     <body>
///
/// `body-length` makes a file cut short (or written by a different layout) detectable: such a
/// file decodes to nil and is treated as missing. `body-sha256` names the body without reading
/// it: what was derived from the body (the parsed page beside it) records the same digest, so a
/// reader checks that it still belongs to this response from the head alone. Entries written
/// before it existed lack it (their derived forms are rebuilt, and the entry rewritten with it).
enum CachedResponseCodec {
    static let magic = "kiln-cached-response 1"

    static func encode(_ response: CachedResponse) -> [UInt8] {
        encodeWithHead(response).bytes
    }

    /// The file's bytes, and the head a reader will decode from them.
    static func encodeWithHead(_ response: CachedResponse) -> (bytes: [UInt8], head: CachedResponseHead) {
        var lines = [magic, "url: " + response.url, "stored-at: \(response.storedAt.secondsSinceEpoch)"]
        // HTTP header values never hold line breaks; one that does would corrupt the header, so it
        // is dropped (losing a validator only costs a full request later).
        func add(_ name: String, _ value: String?) {
            guard let value, !value.isEmpty, !hasLineBreak(value) else { return }
            lines.append(name + ": " + value)
        }
        add("content-type", response.contentType)
        add("etag", response.etag)
        add("last-modified", response.lastModified)
        add("cache-control", response.cacheControl.headerValue)
        lines.append("body-length: \(response.body.count)")
        let digest = SHA256Hasher.hexDigest(of: response.body)
        lines.append("body-sha256: " + digest)
        var bytes = Array((lines.joined(separator: "\n") + "\n\n").utf8)
        bytes.append(contentsOf: response.body)
        // What `decodeHead` reads back: a dropped header value reads back as absent.
        func kept(_ value: String?) -> String? { value.flatMap { $0.isEmpty || hasLineBreak($0) ? nil : $0 } }
        let head = CachedResponseHead(
            url: response.url, contentType: kept(response.contentType), etag: kept(response.etag),
            lastModified: kept(response.lastModified), cacheControl: CacheControl(header: kept(response.cacheControl.headerValue) ?? ""),
            storedAt: response.storedAt, bodyLength: response.body.count, bodySHA256: digest)
        return (bytes, head)
    }

    static func isSHA256Hex(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Checked on bytes: `"\r\n"` is one `Character`, equal neither to `"\r"` nor to `"\n"`.
    static func hasLineBreak(_ text: String) -> Bool {
        text.utf8.contains(UInt8(ascii: "\n")) || text.utf8.contains(UInt8(ascii: "\r"))
    }

    static func decode(_ bytes: [UInt8]) -> CachedResponse? {
        guard let (head, bodyStart) = decodeHead(bytes[...]) else { return nil }
        let body = Array(bytes[bodyStart...])
        guard head.bodyLength == body.count else { return nil }
        return CachedResponse(
            url: head.url, body: body, contentType: head.contentType, etag: head.etag,
            lastModified: head.lastModified, cacheControl: head.cacheControl, storedAt: head.storedAt)
    }

    /// The header of a stored response and where its body starts, from the first bytes of the
    /// file (nil when they hold no complete header of this layout). The body is not checked.
    static func decodeHead(_ bytes: ArraySlice<UInt8>) -> (CachedResponseHead, bodyStart: Int)? {
        let newline = UInt8(ascii: "\n"), colon = UInt8(ascii: ":"), space = UInt8(ascii: " ")
        var end = bytes.startIndex
        while end + 1 < bytes.endIndex, !(bytes[end] == newline && bytes[end + 1] == newline) { end += 1 }
        guard end + 1 < bytes.endIndex else { return nil }
        // Read as bytes, line by line: every warm resolution reads the head of every page it uses.
        var lines = bytes[bytes.startIndex..<end].split(separator: newline, omittingEmptySubsequences: false)[...]
        guard let first = lines.popFirst(), first.elementsEqual(magic.utf8) else { return nil }
        var fields: [String: String] = [:]
        for line in lines {
            guard let separator = line.firstIndex(of: colon) else { return nil }
            var valueStart = line.index(after: separator)
            while valueStart < line.endIndex, line[valueStart] == space { valueStart += 1 }
            fields[String(decoding: line[..<separator], as: UTF8.self)] = String(decoding: line[valueStart...], as: UTF8.self)
        }
        guard let url = fields["url"],
            let storedAt = fields["stored-at"].flatMap({ Int64($0) }),
            let length = fields["body-length"].flatMap({ Int($0) }), length >= 0
        else { return nil }
        let digest = fields["body-sha256"].flatMap { isSHA256Hex($0) ? $0 : nil }
        let head = CachedResponseHead(
            url: url, contentType: fields["content-type"], etag: fields["etag"], lastModified: fields["last-modified"],
            cacheControl: CacheControl(header: fields["cache-control"] ?? ""), storedAt: CacheTimestamp(secondsSinceEpoch: storedAt),
            bodyLength: length, bodySHA256: digest)
        return (head, end + 2)
    }
}
