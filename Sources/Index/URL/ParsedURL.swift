/// An absolute URL split into the parts kiln needs: where to connect, which credentials to send,
/// and how to show it to a user without them. Parsed once at the edge (an index URL from the
/// command line, a link on a page); everything downstream works with the parts.
public struct ParsedURL: Sendable, Hashable {
    /// Lowercased: `https`, `http` or `file` in practice.
    public let scheme: String
    /// Percent-decoded user and password from the userinfo, if any.
    public let credentials: Credentials?
    /// Lowercased host name or bracketed IPv6 literal; empty for `file:///`.
    public let host: String
    public let port: Int?
    /// The path as written (percent-encoded), starting with `/`.
    public let path: String
    public let query: String?
    public let fragment: String?

    public struct Credentials: Sendable, Hashable {
        public let user: String
        public let password: String?

        public init(user: String, password: String?) {
            self.user = user
            self.password = password
        }
    }

    /// Parses an absolute URL; nil if `text` has no scheme or no `//` authority.
    public init?(_ text: String) {
        // Index pages hold tens of thousands of URLs: search the UTF-8 view (its indices are
        // String indices) rather than Characters.
        let bytes = text.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let scheme = text[..<colon]
        guard let first = scheme.utf8.first, first.isASCIILetter,
            scheme.utf8.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") })
        else { return nil }
        var rest = text[text.utf8.index(after: colon)...]
        guard rest.utf8.starts(with: "//".utf8) else { return nil }
        rest = rest[rest.utf8.index(rest.startIndex, offsetBy: 2)...]

        var fragment: String?
        if let hash = rest.utf8.firstIndex(of: UInt8(ascii: "#")) {
            fragment = String(rest[rest.utf8.index(after: hash)...])
            rest = rest[..<hash]
        }
        var query: String?
        if let mark = rest.utf8.firstIndex(of: UInt8(ascii: "?")) {
            query = String(rest[rest.utf8.index(after: mark)...])
            rest = rest[..<mark]
        }
        let authorityEnd = rest.utf8.firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        let path = rest[authorityEnd...]

        var credentials: Credentials?
        if let at = authority.utf8.lastIndex(of: UInt8(ascii: "@")) {
            let userinfo = authority[..<at]
            authority = authority[authority.utf8.index(after: at)...]
            if let split = userinfo.utf8.firstIndex(of: UInt8(ascii: ":")) {
                credentials = Credentials(
                    user: PercentEncoding.decode(userinfo[..<split]),
                    password: PercentEncoding.decode(userinfo[userinfo.utf8.index(after: split)...]))
            } else {
                credentials = Credentials(user: PercentEncoding.decode(userinfo), password: nil)
            }
        }
        var host = authority
        var port: Int?
        let hostEnd = authority.hasPrefix("[") ? (authority.utf8.firstIndex(of: UInt8(ascii: "]")) ?? authority.endIndex) : authority.startIndex
        if let portColon = authority[hostEnd...].utf8.lastIndex(of: UInt8(ascii: ":")) {
            let digits = authority[authority.utf8.index(after: portColon)...]
            if !digits.isEmpty {
                guard let number = Int(digits), (0...65535).contains(number) else { return nil }
                port = number
            }
            host = authority[..<portColon]
        }
        self.scheme = scheme.lowercased()
        self.credentials = credentials
        self.host = host.lowercased()
        self.port = port
        self.path = path.isEmpty ? "/" : String(path)
        self.query = query
        self.fragment = fragment
    }

    init(scheme: String, credentials: Credentials?, host: String, port: Int?, path: String, query: String?, fragment: String?) {
        self.scheme = scheme
        self.credentials = credentials
        self.host = host
        self.port = port
        self.path = path
        self.query = query
        self.fragment = fragment
    }

    public var isFile: Bool { scheme == "file" }

    /// `host[:port]`: what connection errors name, and the key under which credentials are shared
    /// between an index page and the files it links to on the same server.
    public var hostAndPort: String {
        if let port { return "\(host):\(port)" }
        return host
    }

    /// The percent-decoded path of a `file://` URL.
    public var filePath: String { PercentEncoding.decode(path[...]) }

    /// The same URL without userinfo and fragment: what is sent over the wire (credentials go
    /// separately) and what cache keys are made of.
    public var withoutCredentials: ParsedURL {
        ParsedURL(scheme: scheme, credentials: nil, host: host, port: port, path: path, query: query, fragment: nil)
    }

    public var withoutFragment: ParsedURL {
        ParsedURL(scheme: scheme, credentials: credentials, host: host, port: port, path: path, query: query, fragment: nil)
    }

    /// The form shown to users: a password is replaced by `****`, so no message or log leaks it.
    public var redacted: RedactedURL {
        var userinfo = ""
        if let credentials {
            userinfo = credentials.password == nil ? "****@" : "\(PercentEncoding.encodeUserinfo(credentials.user)):****@"
        }
        return RedactedURL(text: serialized(userinfo: userinfo, includeFragment: false))
    }

    /// The URL with credentials removed, as a string for curl.
    public var requestString: String { serialized(userinfo: "", includeFragment: false) }

    func serialized(userinfo: String, includeFragment: Bool) -> String {
        var text = "\(scheme)://\(userinfo)\(host)"
        if let port { text += ":\(port)" }
        text += path
        if let query { text += "?\(query)" }
        if includeFragment, let fragment { text += "#\(fragment)" }
        return text
    }

    /// A directory-style URL (ending in `/`): index base URLs are joined with project names.
    public var asDirectory: ParsedURL {
        guard !path.hasSuffix("/") else { return self }
        return ParsedURL(scheme: scheme, credentials: credentials, host: host, port: port, path: path + "/", query: query, fragment: nil)
    }

    /// `base/component/` with `component` percent-encoded as one path segment.
    public func appendingDirectory(_ component: String) -> ParsedURL {
        let base = asDirectory
        return ParsedURL(
            scheme: scheme, credentials: credentials, host: host, port: port,
            path: base.path + PercentEncoding.encodePathSegment(component) + "/", query: nil, fragment: nil)
    }
}

/// A URL that is safe to print: it never holds a password. Errors and logs carry this type, so a
/// credential cannot reach them by accident.
public struct RedactedURL: Sendable, Hashable, CustomStringConvertible {
    public let text: String
    public var description: String { text }
}
