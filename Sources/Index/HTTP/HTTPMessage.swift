/// What to fetch and where the body goes.
public struct HTTPRequest: Sendable {
    public enum Body: Sendable {
        /// Small responses (index pages, metadata) collected in memory.
        case memory
        /// Large responses (distribution files) streamed to `path` while hashed; an interrupted
        /// transfer resumes with a `Range` request where the server allows it.
        case file(path: String)
    }

    public var url: ParsedURL
    public var headers: [(name: String, value: String)]
    public var body: Body
    /// Accept gzip/brotli (pages); files are fetched as stored so their hash is the index's.
    public var acceptCompressed: Bool
    /// A label for progress reports (a file name); nil reports nothing.
    public var progressLabel: String?

    public init(url: ParsedURL, headers: [(name: String, value: String)] = [], body: Body = .memory,
                acceptCompressed: Bool = true, progressLabel: String? = nil) {
        self.url = url
        self.headers = headers
        self.body = body
        self.acceptCompressed = acceptCompressed
        self.progressLabel = progressLabel
    }
}

/// A final response (after redirects).
public struct HTTPResponse: Sendable {
    public let status: Int
    /// The URL the body came from after redirects: links on a page resolve against it.
    public let url: ParsedURL
    public let headers: HTTPHeaders
    /// The body for `.memory` requests; empty for `.file`.
    public let body: [UInt8]
    /// For `.file` requests: the SHA-256 (hex) and size of the complete file on disk.
    public let fileDigest: String?
    public let fileSize: Int64
    /// The protocol the answer came over (`1.1`, `2`); nil for `file://`.
    public var httpVersion: String? = nil
}

/// Response headers, looked up case-insensitively; the last value wins as in most clients.
public struct HTTPHeaders: Sendable, Equatable {
    public private(set) var fields: [(name: String, value: String)] = []

    public init(_ fields: [(name: String, value: String)] = []) {
        self.fields = fields.map { (name: $0.name.lowercased(), value: $0.value) }
    }

    public subscript(name: String) -> String? {
        let key = name.lowercased()
        return fields.last { $0.name == key }?.value
    }

    mutating func append(name: String, value: String) {
        fields.append((name: name.lowercased(), value: value))
    }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.map(\.name) == rhs.fields.map(\.name) && lhs.fields.map(\.value) == rhs.fields.map(\.value)
    }

}
