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
        String(scalars: scalars[range])
    }

    /// Consumes `literal` (ASCII) if it comes next; letters match case-insensitively when asked.
    mutating func consume(_ literal: String, caseInsensitive: Bool = false) -> Bool {
        consume(Array(literal.unicodeScalars), caseInsensitive: caseInsensitive)
    }

    /// The same for a literal already split into scalars (hot paths keep these in statics).
    mutating func consume(_ literal: [Unicode.Scalar], caseInsensitive: Bool = false) -> Bool {
        guard position + literal.count <= scalars.count else { return false }
        var offset = 0
        // Index loops rather than iterators: this runs for every label tried, and
        // unoptimised builds pay heavily for generic iteration.
        while offset < literal.count {
            let actual = scalars[position + offset]
            let expected = literal[offset]
            let matches = caseInsensitive ? actual.asciiLowercased == expected : actual == expected
            guard matches else { return false }
            offset += 1
        }
        position += literal.count
        return true
    }

    /// Consumes one PEP 440 separator (`-`, `_` or `.`) if it comes next.
    mutating func consumeSeparator() -> Bool {
        guard let next = peek(), next.isVersionSeparator else { return false }
        position += 1
        return true
    }

    /// Consumes a run of ASCII digits and returns where they are (empty when none follow).
    mutating func consumeDigits() -> Range<Int> {
        let start = position
        while position < scalars.count, scalars[position].isASCIIDigit { position += 1 }
        return start..<position
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

    var isVersionSeparator: Bool { value == 0x2D || value == 0x5F || value == 0x2E }

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

extension String {
    /// Builds a string from scalars through UTF-8, much faster than appending to a
    /// `UnicodeScalarView` one scalar at a time.
    init(scalars: some Collection<Unicode.Scalar>) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        for scalar in scalars {
            if scalar.isASCII {
                bytes.append(UInt8(scalar.value))
            } else if let encoded = UTF8.encode(scalar) {
                bytes.append(contentsOf: encoded)
            }
        }
        self = String(decoding: bytes, as: UTF8.self)
    }
}
