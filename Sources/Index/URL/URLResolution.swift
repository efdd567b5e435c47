extension ParsedURL {
    /// Resolves a link found on a page against the page's URL (RFC 3986 §5.2). Links on the same
    /// server keep the page's credentials, so a private index's files download with them.
    public func resolving(_ reference: String) -> ParsedURL? {
        let reference = reference.trimmingASCIIWhitespace()
        if let absolute = ParsedURL(reference) { return absolute }
        if reference.hasPrefix("//") { return ParsedURL(scheme + ":" + reference) }
        if hasSchemePrefix(reference) { return nil }

        var rest = Substring(reference)
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        var query: String?
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        let mergedPath: String
        if rest.isEmpty {
            mergedPath = path
            if query == nil { query = self.query }
        } else if rest.hasPrefix("/") {
            mergedPath = Self.removingDotSegments(String(rest))
        } else {
            let directory = path.lastIndex(of: "/").map { String(path[...$0]) } ?? "/"
            mergedPath = Self.removingDotSegments(directory + rest)
        }
        return ParsedURL(
            scheme: scheme, credentials: credentials, host: host, port: port,
            path: mergedPath, query: query, fragment: fragment)
    }

    private func hasSchemePrefix(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":") else { return false }
        let candidate = text[..<colon]
        guard let first = candidate.first, first.isLetter else { return false }
        return candidate.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
            && !candidate.contains("/")
    }

    static func removingDotSegments(_ path: String) -> String {
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            switch segment {
            case ".":
                if isLast { output.append("") }
            case "..":
                if !output.isEmpty { output.removeLast() }
                if isLast { output.append("") }
            default:
                output.append(segment)
            }
        }
        return "/" + output.joined(separator: "/")
    }
}

extension StringProtocol {
    /// Trims spaces, tabs and line breaks. Works on bytes: `"\r\n"` is one `Character`, equal
    /// to neither `"\r"` nor `"\n"`.
    func trimmingASCIIWhitespace() -> String {
        let bytes = Array(utf8)
        guard let start = bytes.firstIndex(where: { !$0.isASCIIWhitespace }),
            let end = bytes.lastIndex(where: { !$0.isASCIIWhitespace })
        else { return "" }
        if start == 0 && end == bytes.count - 1 { return String(self) }
        return String(decoding: bytes[start...end], as: UTF8.self)
    }
}

/// RFC 3986 percent-encoding, only as far as kiln needs it.
enum PercentEncoding {
    static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let high = hexValue(iterator[iterator.startIndex]),
                let low = hexValue(iterator[iterator.startIndex + 1]) {
                bytes.append(high << 4 | low)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func encodePathSegment(_ text: String) -> String {
        encode(text) { $0.isUnreservedURLByte }
    }

    static func encodeUserinfo(_ text: String) -> String {
        encode(text) { $0.isUnreservedURLByte }
    }

    private static func encode(_ text: String, keep: (UInt8) -> Bool) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            if keep(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

extension UInt8 {
    var isASCIIWhitespace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D || self == 0x0C }
    var isASCIILetter: Bool { (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) }
    var isASCIIDigit: Bool { (0x30...0x39).contains(self) }
    var isASCIIHexDigit: Bool { isASCIIDigit || (0x41...0x46).contains(self) || (0x61...0x66).contains(self) }

    var isUnreservedURLByte: Bool {
        switch self {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
