/// The raw fields of a core metadata file (`METADATA`, `PKG-INFO`): an RFC 822-style
/// header block, then an optional body after the first blank line.
///
/// This layer knows nothing about what the fields mean; `CoreMetadata` gives them types.
/// It follows what Python's `email` parser (compat32) does with these files, because that
/// is what wrote and read them for twenty years: folded lines keep their newline and
/// indentation, header names are case-insensitive, and a line that is neither a header
/// nor a continuation ends the headers and starts the body.
public struct MetadataHeaders: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        /// The header name as written (`Requires-Dist`, `requires-dist`).
        public let name: String
        /// The value with the first line's leading whitespace removed; continuation lines
        /// are joined with `\n` and keep their indentation.
        public let value: String
        /// The 1-based line the field starts on, for error messages.
        public let line: Int
        /// The name lowercased, what lookups compare: once per field, not once per lookup
        /// (a reader asks for a few dozen names among as many fields).
        let key: String

        init(name: String, value: String, line: Int) {
            self.name = name
            self.value = value
            self.line = line
            self.key = name.lowercased()
        }
    }

    /// The fields in file order; repeated fields appear once per occurrence.
    public let fields: [Field]
    /// Everything after the header block, or nil when there is nothing after it.
    public let body: String?
    /// True when the bytes were not valid UTF-8 and were read as Latin-1 instead.
    public let decodedAsLatin1: Bool

    /// Reads the bytes as UTF-8, falling back to Latin-1 (every byte is a code point) for
    /// old PKG-INFO files written in a legacy encoding: a mangled author name is better than
    /// refusing a package over it.
    public init(bytes: some Collection<UInt8>) {
        if let text = String(validating: bytes, as: UTF8.self) {
            self.init(text: text, decodedAsLatin1: false)
        } else {
            let scalars = bytes.map { Character(Unicode.Scalar($0)) }
            self.init(text: String(scalars), decodedAsLatin1: true)
        }
    }

    public init(text: String) {
        self.init(text: text, decodedAsLatin1: false)
    }

    /// Only the header block of `bytes`, up to the first empty line; the body (a long
    /// description, often most of the file) is neither decoded nor kept. For readers that want
    /// a field or two, such as the name and version of every installed distribution.
    public init(headerBlockOf bytes: [UInt8]) {
        self.init(bytes: bytes[..<Self.headerBlockEnd(bytes)])
    }

    /// The index where the first empty line starts (a line end right after a line end or at
    /// the start), or the end of `bytes`.
    static func headerBlockEnd(_ bytes: [UInt8]) -> Int {
        let newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        var atLineStart = true
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == newline || byte == carriageReturn {
                if atLineStart { return index }
                atLineStart = true
                if byte == carriageReturn && index + 1 < bytes.count && bytes[index + 1] == newline { index += 1 }
            } else {
                atLineStart = false
            }
            index += 1
        }
        return bytes.count
    }

    private init(text: String, decodedAsLatin1: Bool) {
        var content = Substring(text)
        if content.hasPrefix("\u{FEFF}") { content = content.dropFirst() }
        let lines = Self.splitLines(content)

        var fields: [Field] = []
        var pendingName: String?
        var pendingValue = ""
        var pendingLine = 0
        var bodyStart: Int?

        func flush() {
            if let name = pendingName {
                fields.append(Field(name: name, value: pendingValue, line: pendingLine))
            }
            pendingName = nil
        }

        for (index, line) in lines.enumerated() {
            if line.isEmpty {
                bodyStart = index + 1
                break
            }
            if let first = line.first, first == " " || first == "\t" {
                if pendingName != nil {
                    pendingValue += "\n" + line
                    continue
                }
                // A continuation with nothing to continue: the headers are over.
                bodyStart = index
                break
            }
            guard let (name, value) = Self.splitHeader(line) else {
                bodyStart = index
                break
            }
            flush()
            pendingName = name
            pendingValue = value
            pendingLine = index + 1
        }
        flush()

        self.fields = fields
        if let bodyStart, bodyStart < lines.count {
            // A file ending in a newline splits into a trailing empty line, so the joined
            // body keeps that final newline, as the email parser does.
            let bodyText = lines[bodyStart...].joined(separator: "\n")
            self.body = bodyText.isEmpty ? nil : bodyText
        } else {
            self.body = nil
        }
        self.decodedAsLatin1 = decodedAsLatin1
    }

    /// All values of a field, in file order; the name is matched case-insensitively.
    public func values(of name: String) -> [String] {
        fields(named: name).map(\.value)
    }

    /// Every occurrence of a field, matched case-insensitively.
    public func fields(named name: String) -> [Field] {
        let wanted = name.lowercased()
        return fields.filter { $0.key == wanted }
    }

    /// The first value of a field, or nil.
    public func value(of name: String) -> String? {
        let wanted = name.lowercased()
        return fields.first { $0.key == wanted }?.value
    }

    /// `Name: value` → (`Name`, `value`). A header name is printable ASCII without a colon
    /// or space; anything else is not a header line.
    private static func splitHeader(_ line: String) -> (String, String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let name = line[..<colon]
        guard !name.isEmpty,
            name.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        else { return nil }
        let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
        return (String(name), Self.trimTrailingWhitespace(value))
    }

    private static func trimTrailingWhitespace(_ text: Substring) -> String {
        var end = text.endIndex
        while end > text.startIndex {
            let previous = text.index(before: end)
            guard text[previous] == " " || text[previous] == "\t" else { break }
            end = previous
        }
        return String(text[..<end])
    }

    /// Splits on `\n`, `\r\n` and `\r` but not on the other Unicode line breaks, which can
    /// appear inside a description. Works on the UTF-8 bytes (each of those is one ASCII byte),
    /// which is many times faster than splitting Characters.
    private static func splitLines(_ text: Substring) -> [String] {
        let bytes = text.utf8
        var lines: [String] = []
        var start = bytes.startIndex
        var index = start
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") else {
                bytes.formIndex(after: &index)
                continue
            }
            lines.append(String(Substring(bytes[start..<index])))
            bytes.formIndex(after: &index)
            if byte == UInt8(ascii: "\r") && index < bytes.endIndex && bytes[index] == UInt8(ascii: "\n") {
                bytes.formIndex(after: &index)
            }
            start = index
        }
        lines.append(String(Substring(bytes[start..<bytes.endIndex])))
        return lines
    }
}
