/// The parts of an HTTP `Cache-Control` response header that decide how long a stored page may
/// be used without asking the server again (RFC 9111 §5.2.2).
public struct CacheControl: Sendable, Equatable {
    /// `max-age`: seconds the response stays fresh after it was received.
    public var maxAge: Int64?
    /// `no-cache`: may be stored, but must be revalidated before every use.
    public var noCache: Bool
    /// `no-store`: must not be stored at all.
    public var noStore: Bool

    public init(maxAge: Int64? = nil, noCache: Bool = false, noStore: Bool = false) {
        self.maxAge = maxAge
        self.noCache = noCache
        self.noStore = noStore
    }

    /// Parses a header value such as `max-age=600, public`. Directives are case-insensitive;
    /// unknown ones are ignored, and a malformed `max-age` counts as absent. Pass every
    /// `Cache-Control` header of the response joined with commas.
    public init(header: String) {
        self.init()
        for directive in header.split(separator: ",") {
            let parts = directive.split(separator: "=", maxSplits: 1)
            guard let rawName = parts.first else { continue }
            let name = rawName.trimmingSpaces().lowercased()
            switch name {
            case "max-age":
                let value = parts.count == 2 ? parts[1].trimmingSpaces().trimmingQuotes() : ""
                if let seconds = Int64(value), seconds >= 0 { maxAge = seconds }
            case "no-cache":
                noCache = true
            case "no-store":
                noStore = true
            default:
                continue
            }
        }
    }

    /// The header value that parses back to this value (what the page store writes to disk).
    public var headerValue: String {
        var directives: [String] = []
        if let maxAge { directives.append("max-age=\(maxAge)") }
        if noCache { directives.append("no-cache") }
        if noStore { directives.append("no-store") }
        return directives.joined(separator: ", ")
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }

    fileprivate func trimmingQuotes() -> Substring {
        guard count >= 2, first == "\"", last == "\"" else { return self }
        return dropFirst().dropLast()
    }
}
