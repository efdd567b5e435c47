/// A zip on a server that honours HTTP `Range`: every read is one bounded range request.
struct RangedZip: ZipByteSource {
    let client: HTTPClient
    let url: ParsedURL
    let size: UInt64

    var label: String { url.redacted.text }

    /// What the first request for an archive's tail brought back.
    enum Opening {
        /// 206: the server does ranges; `tail` holds the archive's last bytes.
        case ranged(RangedZip, tail: [UInt8])
        /// 200: the server ignored `Range` and sent the whole archive.
        case whole([UInt8])
    }

    /// Asks for the last `tailLength` bytes (a suffix range, so the size need not be known).
    static func open(_ url: ParsedURL, client: HTTPClient, tailLength: Int) async throws(WheelMetadataError) -> Opening {
        let response = try await fetch(url, range: "bytes=-\(tailLength)", client: client)
        switch response.status {
        case 200:
            return .whole(response.body)
        case 206:
            guard let range = ContentRange(response.headers["content-range"]) else {
                throw .badRangeAnswer(url: url.redacted, reason: "206 without a usable Content-Range")
            }
            guard range.end + 1 == range.total, UInt64(response.body.count) == range.end - range.start + 1 else {
                throw .badRangeAnswer(url: url.redacted, reason: "asked for the end, got bytes \(range.start)-\(range.end) of \(range.total)")
            }
            return .ranged(RangedZip(client: client, url: url, size: range.total), tail: response.body)
        default:
            throw .index(.http(.status(code: response.status, url: url.redacted, attempts: 1)))
        }
    }

    func read(offset: UInt64, count: Int) async throws(WheelMetadataError) -> [UInt8] {
        guard count > 0, offset < size else { return [] }
        let last = min(offset + UInt64(count), size) - 1
        let response = try await Self.fetch(url, range: "bytes=\(offset)-\(last)", client: client)
        switch response.status {
        case 206:
            guard let range = ContentRange(response.headers["content-range"]), range.start == offset,
                  UInt64(response.body.count) == range.end - range.start + 1 else {
                throw .badRangeAnswer(url: url.redacted, reason: "the bytes sent are not the bytes asked for")
            }
            return response.body
        case 200:
            // Ranges worked a moment ago; take what we need from the whole body anyway.
            let start = Int(min(offset, UInt64(response.body.count)))
            return Array(response.body[start..<min(start + count, response.body.count)])
        default:
            throw .index(.http(.status(code: response.status, url: url.redacted, attempts: 1)))
        }
    }

    private static func fetch(_ url: ParsedURL, range: String, client: HTTPClient) async throws(WheelMetadataError) -> HTTPResponse {
        do {
            // Uncompressed: a range of a gzip-encoded body would be a range of other bytes.
            return try await client.fetch(HTTPRequest(url: url, headers: [(name: "Range", value: range)], acceptCompressed: false))
        } catch {
            throw .index(.http(error))
        }
    }
}

/// `Content-Range: bytes START-END/TOTAL`.
struct ContentRange: Equatable {
    let start: UInt64
    let end: UInt64
    let total: UInt64

    init?(_ header: String?) {
        guard let header, header.hasPrefix("bytes ") else { return nil }
        let value = header.dropFirst("bytes ".count)
        let halves = value.split(separator: "/")
        guard halves.count == 2, let total = UInt64(halves[1].trimmingCharacters()) else { return nil }
        let bounds = halves[0].split(separator: "-")
        guard bounds.count == 2, let start = UInt64(bounds[0]), let end = UInt64(bounds[1]), start <= end, end < total else { return nil }
        self.start = start
        self.end = end
        self.total = total
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> Substring {
        var text = self
        while text.last?.isWhitespace == true { text.removeLast() }
        while text.first?.isWhitespace == true { text.removeFirst() }
        return text
    }
}
