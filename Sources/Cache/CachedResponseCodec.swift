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
///
///     <body>
///
/// `body-length` makes a file cut short (or written by a different layout) detectable: such a
/// file decodes to nil and is treated as missing.
enum CachedResponseCodec {
    static let magic = "kiln-cached-response 1"

    static func encode(_ response: CachedResponse) -> [UInt8] {
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
        var bytes = Array((lines.joined(separator: "\n") + "\n\n").utf8)
        bytes.append(contentsOf: response.body)
        return bytes
    }

    /// Checked on bytes: `"\r\n"` is one `Character`, equal neither to `"\r"` nor to `"\n"`.
    static func hasLineBreak(_ text: String) -> Bool {
        text.utf8.contains(UInt8(ascii: "\n")) || text.utf8.contains(UInt8(ascii: "\r"))
    }

    static func decode(_ bytes: [UInt8]) -> CachedResponse? {
        let newline = UInt8(ascii: "\n")
        guard let end = (0..<max(bytes.count - 1, 0)).first(where: { bytes[$0] == newline && bytes[$0 + 1] == newline })
        else { return nil }
        let header = String(decoding: bytes[0..<end], as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard header.first == Substring(magic) else { return nil }
        var fields: [String: String] = [:]
        for line in header.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { return nil }
            let value = line[line.index(after: colon)...].drop(while: { $0 == " " })
            fields[String(line[..<colon])] = String(value)
        }
        let body = Array(bytes[(end + 2)...])
        guard let url = fields["url"],
            let storedAt = fields["stored-at"].flatMap({ Int64($0) }),
            let length = fields["body-length"].flatMap({ Int($0) }), length == body.count
        else { return nil }
        return CachedResponse(
            url: url, body: body, contentType: fields["content-type"], etag: fields["etag"],
            lastModified: fields["last-modified"], cacheControl: CacheControl(header: fields["cache-control"] ?? ""),
            storedAt: CacheTimestamp(secondsSinceEpoch: storedAt))
    }
}
