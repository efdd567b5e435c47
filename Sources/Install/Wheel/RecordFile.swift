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

    public init(parsing text: String, file: String) throws(RecordParseError) {
        var rows: [Row] = []
        for (number, line) in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() where !line.isEmpty {
            let fields = try Self.splitCSV(String(line), file: file, line: number + 1)
            guard fields.count >= 1, !fields[0].isEmpty else { throw RecordParseError(file: file, line: number + 1, reason: "no path") }
            let size = fields.count > 2 && !fields[2].isEmpty ? UInt64(fields[2]) : nil
            if fields.count > 2 && !fields[2].isEmpty && size == nil {
                throw RecordParseError(file: file, line: number + 1, reason: "size '\(fields[2])' is not a number")
            }
            rows.append(Row(path: fields[0], hash: fields.count > 1 ? fields[1] : "", size: size))
        }
        self.rows = rows
    }

    /// CSV as Python's csv module writes it: quotes only where needed, "\n" line ends.
    public var text: String {
        var out = ""
        for row in rows {
            out += Self.quote(row.path) + "," + Self.quote(row.hash) + "," + (row.size.map(String.init) ?? "") + "\n"
        }
        return out
    }

    public static func sha256Field(digest: [UInt8]) -> String { "sha256=" + URLSafeBase64.encode(digest) }

    private static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.map { $0 == "\"" ? "\"\"" : String($0) }.joined() + "\""
    }

    private static func splitCSV(_ line: String, file: String, line number: Int) throws(RecordParseError) -> [String] {
        var fields: [String] = []
        var current = ""
        var inQuotes = false
        var iterator = Array(line).makeIterator()
        var pending: Character? = iterator.next()
        while let character = pending {
            pending = iterator.next()
            if inQuotes {
                if character == "\"" {
                    if pending == "\"" { current.append("\""); pending = iterator.next() } else { inQuotes = false }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                inQuotes = true
            } else if character == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        guard !inQuotes else { throw RecordParseError(file: file, line: number, reason: "unterminated quote") }
        fields.append(current)
        return fields
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
