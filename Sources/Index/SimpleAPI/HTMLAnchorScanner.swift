/// Scans an HTML document for the few tags a simple-API page uses (`<a>`, `<base>`, `<meta>`),
/// with their attributes unescaped. Not a general HTML parser: index pages are machine-written,
/// and anything else in them (scripts, comments) is skipped. Works on UTF-8 bytes, because pages
/// of popular projects list tens of thousands of files.
struct HTMLAnchorScanner {
    struct Tag {
        let name: String
        let attributes: [String: String]
        /// For `<a>`: the text up to `</a>`, tags removed and entities decoded.
        let text: String
    }

    private static let lessThan = UInt8(ascii: "<"), greaterThan = UInt8(ascii: ">"), slash = UInt8(ascii: "/")
    private static let equals = UInt8(ascii: "="), doubleQuote = UInt8(ascii: "\""), singleQuote = UInt8(ascii: "'")

    static func tags(in html: [UInt8], named names: Set<String>) -> [Tag] {
        var tags: [Tag] = []
        var index = 0
        let count = html.count
        while index < count {
            guard html[index] == lessThan else { index += 1; continue }
            if hasPrefix(html, at: index, "<!--") {
                index = find(html, "-->", from: index + 4).map { $0 + 3 } ?? count
                continue
            }
            var cursor = index + 1
            let nameStart = cursor
            while cursor < count, isNameByte(html[cursor]) { cursor += 1 }
            guard cursor > nameStart, cursor - nameStart <= 4 else { index = max(cursor, index + 1); continue }
            let name = String(decoding: html[nameStart..<cursor].map(lowercased), as: UTF8.self)
            guard names.contains(name) else { index = cursor; continue }
            var attributes: [String: String] = [:]
            cursor = parseAttributes(html, from: cursor, into: &attributes)
            var text = ""
            if name == "a" {
                let close = closingAnchor(html, from: cursor) ?? count
                text = HTMLEntities.decode(String(decoding: stripTags(html[cursor..<close]), as: UTF8.self))
                    .trimmingASCIIWhitespace()
                cursor = close
            }
            tags.append(Tag(name: name, attributes: attributes, text: text))
            index = cursor
        }
        return tags
    }

    /// Reads `name="value" name='value' name=value name` up to `>`; returns the index after `>`.
    private static func parseAttributes(_ s: [UInt8], from start: Int, into attributes: inout [String: String]) -> Int {
        var i = start
        while i < s.count {
            while i < s.count, isSpace(s[i]) || s[i] == slash { i += 1 }
            guard i < s.count else { break }
            if s[i] == greaterThan { return i + 1 }
            let nameStart = i
            while i < s.count, !isSpace(s[i]), s[i] != equals, s[i] != greaterThan, s[i] != slash { i += 1 }
            let name = String(decoding: s[nameStart..<i].map(lowercased), as: UTF8.self)
            while i < s.count, isSpace(s[i]) { i += 1 }
            var value = ""
            if i < s.count, s[i] == equals {
                i += 1
                while i < s.count, isSpace(s[i]) { i += 1 }
                if i < s.count, s[i] == doubleQuote || s[i] == singleQuote {
                    let quote = s[i]
                    let valueStart = i + 1
                    i = valueStart
                    while i < s.count, s[i] != quote { i += 1 }
                    value = String(decoding: s[valueStart..<min(i, s.count)], as: UTF8.self)
                    i += 1
                } else {
                    let valueStart = i
                    while i < s.count, !isSpace(s[i]), s[i] != greaterThan { i += 1 }
                    value = String(decoding: s[valueStart..<i], as: UTF8.self)
                }
            }
            if !name.isEmpty && attributes[name] == nil { attributes[name] = HTMLEntities.decode(value) }
        }
        return i
    }

    /// The index of the `</a` that closes an anchor (any case).
    private static func closingAnchor(_ s: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + 2 < s.count {
            if s[i] == lessThan, s[i + 1] == slash, lowercased(s[i + 2]) == UInt8(ascii: "a") { return i }
            i += 1
        }
        return nil
    }

    private static func stripTags(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var inTag = false
        for byte in bytes {
            if byte == lessThan { inTag = true } else if byte == greaterThan { inTag = false } else if !inTag { out.append(byte) }
        }
        return out
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    private static func isNameByte(_ c: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c)
    }

    private static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C
    }

    private static func hasPrefix(_ s: [UInt8], at index: Int, _ prefix: StaticString) -> Bool {
        let length = prefix.utf8CodeUnitCount
        guard index + length <= s.count else { return false }
        return prefix.withUTF8Buffer { p in
            for offset in 0..<length where s[index + offset] != p[offset] { return false }
            return true
        }
    }

    private static func find(_ s: [UInt8], _ needle: StaticString, from start: Int) -> Int? {
        var i = start
        while i < s.count {
            if hasPrefix(s, at: i, needle) { return i }
            i += 1
        }
        return nil
    }
}

/// HTML character references: the named ones index pages use, and all numeric ones.
enum HTMLEntities {
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
    ]

    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semicolon = after.prefix(12).firstIndex(of: ";"), let decoded = reference(String(after[..<semicolon])) {
                out += decoded
                rest = after[after.index(after: semicolon)...]
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }

    private static func reference(_ name: String) -> String? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
        if name.hasPrefix("#") {
            return UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
        return named[name.lowercased()]
    }
}
