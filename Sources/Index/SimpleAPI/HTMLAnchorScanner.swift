/// Scans an HTML document for the few tags a simple-API page uses (`<a>`, `<base>`, `<meta>`),
/// with their attributes unescaped. Not a general HTML parser: index pages are machine-written,
/// and anything else in them (scripts, comments) is skipped.
struct HTMLAnchorScanner {
    struct Tag {
        let name: String
        let attributes: [String: String]
        /// For `<a>`: the text up to `</a>`, tags removed and entities decoded.
        let text: String
    }

    static func tags(in html: String, named names: Set<String>) -> [Tag] {
        let scalars = Array(html.unicodeScalars)
        var tags: [Tag] = []
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "<" else { index += 1; continue }
            if hasPrefix(scalars, at: index, "<!--") {
                index = find(scalars, "-->", from: index + 4).map { $0 + 3 } ?? scalars.count
                continue
            }
            var cursor = index + 1
            let nameStart = cursor
            while cursor < scalars.count, isNameScalar(scalars[cursor]) { cursor += 1 }
            let name = String(String.UnicodeScalarView(scalars[nameStart..<cursor])).lowercased()
            guard !name.isEmpty, names.contains(name) else { index = cursor; continue }
            var attributes: [String: String] = [:]
            cursor = parseAttributes(scalars, from: cursor, into: &attributes)
            var text = ""
            if name == "a" {
                let close = findCaseInsensitive(scalars, "</a", from: cursor) ?? scalars.count
                text = HTMLEntities.decode(stripTags(String(String.UnicodeScalarView(scalars[cursor..<close]))))
                    .trimmingASCIIWhitespace()
                cursor = close
            }
            tags.append(Tag(name: name, attributes: attributes, text: text))
            index = cursor
        }
        return tags
    }

    /// Reads `name="value" name='value' name=value name` up to `>`; returns the index after `>`.
    private static func parseAttributes(_ s: [Unicode.Scalar], from start: Int, into attributes: inout [String: String]) -> Int {
        var i = start
        while i < s.count {
            while i < s.count, isSpace(s[i]) || s[i] == "/" { i += 1 }
            guard i < s.count else { break }
            if s[i] == ">" { return i + 1 }
            let nameStart = i
            while i < s.count, !isSpace(s[i]), s[i] != "=", s[i] != ">", s[i] != "/" { i += 1 }
            let name = String(String.UnicodeScalarView(s[nameStart..<i])).lowercased()
            while i < s.count, isSpace(s[i]) { i += 1 }
            var value = ""
            if i < s.count, s[i] == "=" {
                i += 1
                while i < s.count, isSpace(s[i]) { i += 1 }
                if i < s.count, s[i] == "\"" || s[i] == "'" {
                    let quote = s[i]
                    let valueStart = i + 1
                    i = valueStart
                    while i < s.count, s[i] != quote { i += 1 }
                    value = String(String.UnicodeScalarView(s[valueStart..<min(i, s.count)]))
                    i += 1
                } else {
                    let valueStart = i
                    while i < s.count, !isSpace(s[i]), s[i] != ">" { i += 1 }
                    value = String(String.UnicodeScalarView(s[valueStart..<i]))
                }
            }
            if !name.isEmpty && attributes[name] == nil { attributes[name] = HTMLEntities.decode(value) }
        }
        return i
    }

    private static func stripTags(_ text: String) -> String {
        var out = ""
        var inTag = false
        for scalar in text.unicodeScalars {
            if scalar == "<" { inTag = true } else if scalar == ">" { inTag = false } else if !inTag { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    private static func isNameScalar(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9")
    }

    private static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}"
    }

    private static func hasPrefix(_ s: [Unicode.Scalar], at index: Int, _ prefix: String) -> Bool {
        let p = Array(prefix.unicodeScalars)
        guard index + p.count <= s.count else { return false }
        return Array(s[index..<index + p.count]) == p
    }

    private static func find(_ s: [Unicode.Scalar], _ needle: String, from start: Int) -> Int? {
        var i = start
        while i < s.count {
            if hasPrefix(s, at: i, needle) { return i }
            i += 1
        }
        return nil
    }

    private static func findCaseInsensitive(_ s: [Unicode.Scalar], _ needle: String, from start: Int) -> Int? {
        let p = Array(needle.lowercased().unicodeScalars)
        var i = start
        while i + p.count <= s.count {
            var matches = true
            for (offset, scalar) in p.enumerated() where Character(s[i + offset]).lowercased() != Character(scalar).lowercased() {
                matches = false
                break
            }
            if matches { return i }
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
        guard text.contains("&") else { return text }
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
