/// A RECORD file (PEP 376/427): one CSV row per installed file — path, `algorithm=digest`, size.
public struct RecordFile: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var path: String
        /// `sha256=<urlsafe base64, unpadded>`, or empty (RECORD itself, .pyc files).
        public var hash: String
        public var size: UInt64?

        public init(path: String, hash: String, size: UInt64?) {
            self.path = path
            self.hash = hash
            self.size = size
        }
    }

    public var rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    /// Parses CSV as Python's `csv` module reads it: fields quoted with `"` may hold commas,
    /// doubled quotes and line breaks; lines end in `\n`, `\r\n` or `\r`. Works on the UTF-8
    /// bytes, where every character the format gives a meaning is one ASCII byte.
    public init(parsing text: String, file: String) throws(RecordParseError) {
        var text = text
        let parsed = text.withUTF8 { bytes in Result { () throws(RecordParseError) in try Self.rows(bytes, file: file) } }
        rows = try parsed.get()
    }

    private static func rows(_ bytes: UnsafeBufferPointer<UInt8>, file: String) throws(RecordParseError) -> [Row] {
        var rows: [Row] = []
        var parser = CSVRowReader(bytes)
        while let (fields, line) = try parser.next(file: file) {
            guard !fields[0].isEmpty else { throw RecordParseError(file: file, line: line, reason: "no path") }
            var size: UInt64?
            if fields.count > 2 && !fields[2].isEmpty {
                guard let parsed = UInt64(fields[2]) else {
                    throw RecordParseError(file: file, line: line, reason: "size '\(fields[2])' is not a number")
                }
                size = parsed
            }
            rows.append(Row(path: fields[0], hash: fields.count > 1 ? fields[1] : "", size: size))
        }
        return rows
    }

    /// CSV as Python's csv module writes it: quotes only where needed, "\n" line ends.
    public var text: String {
        var out: [UInt8] = []
        out.reserveCapacity(rows.count * 120)
        for row in rows {
            Self.appendQuoted(row.path, to: &out)
            out.append(UInt8(ascii: ","))
            Self.appendQuoted(row.hash, to: &out)
            out.append(UInt8(ascii: ","))
            if let size = row.size { out.append(contentsOf: String(size).utf8) }
            out.append(UInt8(ascii: "\n"))
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func sha256Field(digest: [UInt8]) -> String { "sha256=" + URLSafeBase64.encode(digest) }

    private static func appendQuoted(_ field: String, to out: inout [UInt8]) {
        var field = field
        let needsQuotes = field.withUTF8 { bytes in
            bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        }
        let bytes = field.utf8
        guard needsQuotes else {
            out.append(contentsOf: bytes)
            return
        }
        out.append(UInt8(ascii: "\""))
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// Reads CSV rows from UTF-8 bytes, one row (and the line it started on) at a time; blank lines
/// are skipped as Python's reader skips them.
private struct CSVRowReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index: Int
    private var line = 1

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    mutating func next(file: String) throws(RecordParseError) -> (fields: [String], line: Int)? {
        skipLineEnds()
        guard index < bytes.endIndex else { return nil }
        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            if inQuotes {
                countLine(at: index)
                bytes.formIndex(after: &index)
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.endIndex && bytes[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        bytes.formIndex(after: &index)
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(byte)
                }
                continue
            }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            bytes.formIndex(after: &index)
            if byte == UInt8(ascii: "\"") {
                inQuotes = true
            } else if byte == UInt8(ascii: ",") {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            } else {
                field.append(byte)
            }
        }
        guard !inQuotes else { throw RecordParseError(file: file, line: startLine, reason: "unterminated quote") }
        fields.append(String(decoding: field, as: UTF8.self))
        return (fields, startLine)
    }

    private mutating func skipLineEnds() {
        while index < bytes.endIndex, bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: "\r") {
            countLine(at: index)
            bytes.formIndex(after: &index)
        }
    }

    /// A line ends at `\n`, and at a `\r` that no `\n` follows.
    private mutating func countLine(at position: Int) {
        let byte = bytes[position]
        if byte == UInt8(ascii: "\n") { line += 1; return }
        guard byte == UInt8(ascii: "\r") else { return }
        let after = bytes.index(after: position)
        if after == bytes.endIndex || bytes[after] != UInt8(ascii: "\n") { line += 1 }
    }
}

public struct RecordParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let reason: String
    public var description: String { "\(file) line \(line): \(reason)" }
}

/// RFC 4648 §5 base64 without padding, the digest form RECORD uses.
public enum URLSafeBase64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let b0 = UInt32(bytes[index])
            let b1 = index + 1 < bytes.count ? UInt32(bytes[index + 1]) : 0
            let b2 = index + 2 < bytes.count ? UInt32(bytes[index + 2]) : 0
            let triple = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(triple >> 18 & 63)])
            out.append(alphabet[Int(triple >> 12 & 63)])
            if index + 1 < bytes.count { out.append(alphabet[Int(triple >> 6 & 63)]) }
            if index + 2 < bytes.count { out.append(alphabet[Int(triple & 63)]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
