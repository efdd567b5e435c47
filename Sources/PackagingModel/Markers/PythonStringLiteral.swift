/// Marker values are Python string literals: packaging reads them with
/// `ast.literal_eval`, so backslash escapes are interpreted.
enum PythonStringLiteral {
    /// The value of a quoted token (quotes included), or nil when Python would
    /// reject it (a dangling backslash, a bad `\x`, a raw line break...).
    static func unquote(_ token: [Unicode.Scalar]) -> String? {
        guard token.count >= 2 else { return nil }
        let body = token[1..<(token.count - 1)]
        var result = String.UnicodeScalarView()
        var index = body.startIndex
        while index < body.endIndex {
            let scalar = body[index]
            index += 1
            if scalar == "\n" || scalar == "\r" || scalar == "\0" { return nil }
            guard scalar == "\\" else {
                result.append(scalar)
                continue
            }
            guard index < body.endIndex else { return nil }
            let escaped = body[index]
            index += 1
            switch escaped {
            case "\n": continue
            case "\\", "'", "\"": result.append(escaped)
            case "a": result.append("\u{07}")
            case "b": result.append("\u{08}")
            case "f": result.append("\u{0C}")
            case "n": result.append("\n")
            case "r": result.append("\r")
            case "t": result.append("\t")
            case "v": result.append("\u{0B}")
            case "0"..."7":
                var value = escaped.value - 0x30
                var digits = 1
                while digits < 3, index < body.endIndex, ("0"..."7").contains(body[index]) {
                    value = value * 8 + body[index].value - 0x30
                    index += 1
                    digits += 1
                }
                guard let decoded = Unicode.Scalar(value) else { return nil }
                result.append(decoded)
            case "x", "u", "U":
                let width = escaped == "x" ? 2 : (escaped == "u" ? 4 : 8)
                guard body.endIndex - index >= width,
                      let value = UInt32(String(String.UnicodeScalarView(body[index..<(index + width)])), radix: 16),
                      let decoded = Unicode.Scalar(value) else { return nil }
                index += width
                result.append(decoded)
            case "N":
                // `\N{NAME}` needs the Unicode name table; no real marker uses it.
                return nil
            default:
                // Python keeps unknown escapes as written (with a warning).
                result.append("\\")
                result.append(escaped)
            }
        }
        return String(result)
    }

    /// Prints a value so that `unquote` reads it back: double quotes unless the
    /// value contains one, backslashes doubled.
    static func quote(_ value: String) -> String {
        let escaped = value.replacingAll("\\", with: "\\\\").replacingAll("\n", with: "\\n")
            .replacingAll("\r", with: "\\r").replacingAll("\0", with: "\\x00")
        if !value.unicodeScalars.contains("\"") { return "\"\(escaped)\"" }
        if !value.unicodeScalars.contains("'") { return "'\(escaped)'" }
        return "\"" + escaped.replacingAll("\"", with: "\\x22") + "\""
    }
}

extension String {
    /// Replaces code points, not grapheme clusters: a quote followed by a combining
    /// mark is still a quote to Python.
    func replacingAll(_ target: Unicode.Scalar, with replacement: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if scalar == target { result.append(contentsOf: replacement.unicodeScalars) } else { result.append(scalar) }
        }
        return String(result)
    }
}
