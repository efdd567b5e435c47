#if canImport(Glibc)
import Glibc
#endif

/// The JSON half of `JSONPageScanner`: whitespace, literals, members, strings and numbers read
/// as `JSONParser` reads them, values the page reader does not want skipped, and the two kinds
/// of text a field can be (a range of the body, or bytes decoded into the scratch buffer).
extension JSONPageScanner {

    enum Keys {
        static let files = Array("files".utf8)
        static let meta = Array("meta".utf8)
        static let apiVersion = Array("api-version".utf8)
        static let filename = Array("filename".utf8)
        static let url = Array("url".utf8)
        static let hashes = Array("hashes".utf8)
        static let requiresPython = Array("requires-python".utf8)
        static let yanked = Array("yanked".utf8)
        static let coreMetadata = Array("core-metadata".utf8)
        static let distInfoMetadata = Array("dist-info-metadata".utf8)
        static let dataDistInfoMetadata = Array("data-dist-info-metadata".utf8)
        static let uploadTime = Array("upload-time".utf8)
        static let size = Array("size".utf8)
        static let `true` = Array("true".utf8)
        static let `false` = Array("false".utf8)
        static let null = Array("null".utf8)
    }

    var peek: UInt8? { offset < body.count ? body[offset] : nil }

    /// The bytes of `text`; valid until the scratch buffer next changes (an array's storage
    /// stays put while it is not mutated).
    func bytes(_ text: FieldText) -> UnsafeRawBufferPointer {
        scratch.withUnsafeBytes { text.bytes(body: body, scratch: $0) }
    }

    func text(_ text: FieldText, is literal: [UInt8]) -> Bool {
        bytes(text).elementsEqual(literal)
    }

    mutating func skipWhitespace() {
        while offset < body.count {
            let byte = body[offset]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return }
            offset += 1
        }
    }

    mutating func expect(_ byte: UInt8) throws(GiveUp) {
        guard peek == byte else { throw GiveUp() }
        offset += 1
    }

    mutating func word(_ word: [UInt8]) throws(GiveUp) {
        guard offset + word.count <= body.count, UnsafeRawBufferPointer(rebasing: body[offset..<offset + word.count]).elementsEqual(word) else {
            throw GiveUp()
        }
        offset += word.count
    }

    /// The members of an object whose `{` was read, up to its `closing` byte: `member` reads
    /// each value, the scanner standing at its first byte.
    mutating func members(closing: UInt8, _ member: (inout JSONPageScanner, FieldText) throws(GiveUp) -> Void) throws(GiveUp) {
        skipWhitespace()
        if peek == closing {
            offset += 1
            return
        }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else { throw GiveUp() }
            let key = try string()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            guard offset < body.count else { throw GiveUp() }
            try member(&self, key)
            skipWhitespace()
            guard offset < body.count else { throw GiveUp() }
            let byte = body[offset]
            offset += 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == closing { return }
            throw GiveUp()
        }
    }

    /// The elements of an array whose `[` was just read, each read by `element` (positioned at
    /// its first byte), up to and including the `]`.
    mutating func elements(_ element: (inout JSONPageScanner) throws(GiveUp) -> Void) throws(GiveUp) {
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            offset += 1
            return
        }
        while true {
            skipWhitespace()
            try element(&self)
            skipWhitespace()
            guard let byte = peek else { throw GiveUp() }
            offset += 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == UInt8(ascii: "]") { return }
            throw GiveUp()
        }
    }

    /// Skips one value, checking it as `JSONParser` would (nesting below 64 levels).
    mutating func skipValue(depth: Int) throws(GiveUp) {
        guard depth < 64, let first = peek else { throw GiveUp() }
        switch first {
        case UInt8(ascii: "{"):
            offset += 1
            try members(closing: UInt8(ascii: "}")) { (scanner: inout JSONPageScanner, _: FieldText) throws(GiveUp) in
                try scanner.skipValue(depth: depth + 1)
            }
        case UInt8(ascii: "["):
            offset += 1
            try elements { (scanner: inout JSONPageScanner) throws(GiveUp) in try scanner.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): try word(Keys.true)
        case UInt8(ascii: "f"): try word(Keys.false)
        case UInt8(ascii: "n"): try word(Keys.null)
        default: _ = try number()
        }
    }

    /// A run of `+-0123456789.eE` that `Double` reads, as `JSONParser.parseNumber` takes it.
    mutating func number() throws(GiveUp) -> Double {
        let start = offset
        var digitsOnly = true
        while offset < body.count {
            let byte = body[offset]
            if byte.isASCIIDigit {
                offset += 1
            } else if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                digitsOnly = false
                offset += 1
            } else {
                break
            }
        }
        let run = UnsafeRawBufferPointer(rebasing: body[start..<offset])
        // Up to 15 digits a Double holds exactly: no need to build a String for the usual size.
        if digitsOnly, !run.isEmpty, run.count <= 15 {
            return Double(run.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) })
        }
        guard let value = Double(String(decoding: run, as: UTF8.self)) else { throw GiveUp() }
        return value
    }

    /// A string whose `"` is at `offset`: the body's bytes when they need no decoding, else the
    /// decoded text in the scratch buffer. Decoded as `JSONParser.parseString` does, then made
    /// valid UTF-8 as `String(decoding:as:)` does.
    mutating func string() throws(GiveUp) -> FieldText {
        offset += 1
        let start = offset
        // Most strings of a page are long plain ASCII (URLs, hashes): find the closing quote
        // and any backslash with memchr rather than byte by byte.
        guard let base = body.baseAddress, start < body.count,
            let quote = memchr(base + start, Int32(UInt8(ascii: "\"")), body.count - start)
        else { throw GiveUp() }
        let end = base.distance(to: UnsafeRawPointer(quote))
        if let backslash = memchr(base + start, Int32(UInt8(ascii: "\\")), end - start) {
            // The quote found may be an escaped one: decode from the first escape on.
            offset = base.distance(to: UnsafeRawPointer(backslash))
            return try escapedString(from: start)
        }
        offset = end + 1
        let text = FieldText.body(start..<end)
        return Self.isASCII(UnsafeRawBufferPointer(rebasing: body[start..<end])) ? text : try repaired(text)
    }

    /// No byte with the high bit set; eight at a time.
    static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index + 8 <= bytes.count {
            guard bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 else { return false }
            index += 8
        }
        while index < bytes.count {
            guard bytes[index] < 0x80 else { return false }
            index += 1
        }
        return true
    }

    mutating func escapedString(from start: Int) throws(GiveUp) -> FieldText {
        let decodedStart = scratch.count
        scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: body[start..<offset]))
        while offset < body.count {
            let byte = body[offset]
            offset += 1
            if byte == UInt8(ascii: "\"") { return try repaired(.scratch(decodedStart..<scratch.count)) }
            guard byte == UInt8(ascii: "\\") else {
                scratch.append(byte)
                continue
            }
            guard offset < body.count else { break }
            let escape = body[offset]
            offset += 1
            guard escape == UInt8(ascii: "u") else {
                scratch.append(JSONEscapes.byte(escaped: escape))
                continue
            }
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar), offset + 1 < body.count,
                body[offset] == UInt8(ascii: "\\"), body[offset + 1] == UInt8(ascii: "u") {
                offset += 2
                scalar = JSONEscapes.combining(high: scalar, low: try hex4())
            }
            JSONEscapes.appendUTF8(of: scalar, to: &scratch)
        }
        throw GiveUp()
    }

    /// Four hex digits of a `\u` escape. Gives up on anything else, which `JSONParser` may read
    /// differently (`UInt32(_:radix:)` takes a sign).
    mutating func hex4() throws(GiveUp) -> UInt32 {
        guard offset + 4 <= body.count else { throw GiveUp() }
        var value: UInt32 = 0
        for position in offset..<offset + 4 {
            let byte = body[position]
            let digit: UInt8 = switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: throw GiveUp()
            }
            value = value << 4 | UInt32(digit)
        }
        offset += 4
        return value
    }

    /// `text` as valid UTF-8: ill-formed sequences replaced by U+FFFD, as a `String` would hold it.
    mutating func repaired(_ text: FieldText) throws(GiveUp) -> FieldText {
        let original = bytes(text)
        guard original.contains(where: { $0 >= 0x80 }) else { return text }
        let valid = Array(String(decoding: original, as: UTF8.self).utf8)
        if valid.elementsEqual(original) { return text }
        let start = scratch.count
        scratch.append(contentsOf: valid)
        return .scratch(start..<scratch.count)
    }
}
