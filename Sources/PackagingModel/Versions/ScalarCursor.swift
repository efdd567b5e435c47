/// A read position in a string, seen as Unicode scalars.
///
/// The PEP 440 and PEP 508 grammars are defined over code points (packaging's
/// regular expressions run on Python `str`), so positions here are code point
/// offsets: they line up with the columns packaging reports in its errors.
struct ScalarCursor {
    let scalars: [Unicode.Scalar]
    var position: Int

    init(_ text: String, position: Int = 0) {
        self.scalars = Array(text.unicodeScalars)
        self.position = position
    }

    init(scalars: [Unicode.Scalar], position: Int = 0) {
        self.scalars = scalars
        self.position = position
    }

    var isAtEnd: Bool { position >= scalars.count }

    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let index = position + offset
        return index < scalars.count ? scalars[index] : nil
    }

    func text(_ range: Range<Int>) -> String {
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[range])
        return String(result)
    }

    /// Consumes `literal` (ASCII) if it comes next; letters match case-insensitively when asked.
    mutating func consume(_ literal: String, caseInsensitive: Bool = false) -> Bool {
        var index = position
        for expected in literal.unicodeScalars {
            guard index < scalars.count else { return false }
            let actual = scalars[index]
            let matches = caseInsensitive ? actual.asciiLowercased == expected.asciiLowercased : actual == expected
            guard matches else { return false }
            index += 1
        }
        position = index
        return true
    }

    /// Consumes one scalar if it is one of `choices` (ASCII).
    mutating func consume(oneOf choices: String) -> Bool {
        guard let next = peek(), choices.unicodeScalars.contains(next) else { return false }
        position += 1
        return true
    }

    /// Consumes a run of ASCII digits and returns them (empty when none follow).
    mutating func consumeDigits() -> String {
        let start = position
        while let next = peek(), next.isASCIIDigit { position += 1 }
        return text(start..<position)
    }

    mutating func skipPythonWhitespace() {
        while let next = peek(), next.isPythonWhitespace { position += 1 }
    }

    /// Consumes spaces and tabs only: PEP 508's `WS` token.
    mutating func skipHorizontalWhitespace() -> Bool {
        let start = position
        while let next = peek(), next == " " || next == "\t" { position += 1 }
        return position > start
    }
}

extension Unicode.Scalar {
    var isASCIIDigit: Bool { value >= 0x30 && value <= 0x39 }

    var isASCIILetter: Bool { (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A }

    var asciiLowercased: Unicode.Scalar {
        value >= 0x41 && value <= 0x5A ? Unicode.Scalar(UInt8(value + 0x20)) : self
    }

    /// What Python's `str.isspace()` and the `\s` of a `str` regex accept. Swift's own
    /// notion differs (it leaves out U+001C...U+001F), and packaging strips with Python's.
    var isPythonWhitespace: Bool {
        switch value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A,
             0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// A character of Python's `\w` (Unicode letters, digits and `_`): what `\b` looks at.
    var isPythonWordCharacter: Bool {
        if value < 0x80 {
            return isASCIIDigit || isASCIILetter || self == "_"
        }
        return properties.isAlphabetic || properties.numericType != nil
    }
}
