import TOMLKit

/// A TOML value copied out of TOMLKit's tree into plain Sendable values, so that neither
/// pyproject.toml nor pylock.toml readers touch TOMLKit's reference types. Date-times keep their
/// RFC 3339 text (PEP 751's `upload-time` is one).
public indirect enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case dateTime(String)
    case array([TOMLValue])
    /// Entries in the order TOMLKit reports them: sorted by key, not in document order.
    case table([(key: String, value: TOMLValue)])
    /// A local date or time: no key kiln reads takes one, but its type is reported.
    case other(typeName: String)

    /// The TOML type name, as used in "expected a string, found an integer".
    public var typeName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a float"
        case .boolean: "a boolean"
        case .dateTime: "a date-time"
        case .array: "an array"
        case .table: "a table"
        case .other(let typeName): "a \(typeName)"
        }
    }

    public static func == (lhs: TOMLValue, rhs: TOMLValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.float(let a), .float(let b)): a == b
        case (.boolean(let a), .boolean(let b)): a == b
        case (.dateTime(let a), .dateTime(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.table(let a), .table(let b)): a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
        case (.other(let a), .other(let b)): a == b
        default: false
        }
    }
}

/// Where a TOML document stops making sense; each reader turns it into its own error.
public struct TOMLSyntaxError: Error, Sendable, Equatable {
    public let line: Int
    public let column: Int
    public let message: String
}

/// Parses TOML text with TOMLKit and copies the result into `TOMLValue`s.
public enum TOMLDocument {
    public static func parse(_ text: String) throws(TOMLSyntaxError) -> [(key: String, value: TOMLValue)] {
        // toml++ asserts on a few invalid inputs instead of reporting them; find those first.
        if let finding = TOMLCrashGuard.firstCrashingConstruct(in: text) {
            throw TOMLSyntaxError(line: finding.line, column: finding.column, message: finding.message)
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw TOMLSyntaxError(line: error.source.begin.line, column: error.source.begin.column, message: error.description)
        } catch {
            throw TOMLSyntaxError(line: 0, column: 0, message: "\(error)")
        }
        return entries(of: table)
    }

    private static func entries(of table: TOMLTable) -> [(key: String, value: TOMLValue)] {
        table.keys.compactMap { key in
            table[key].map { (key: key, value: node($0)) }
        }
    }

    private static func node(_ value: TOMLValueConvertible) -> TOMLValue {
        switch value.type {
        case .string: return value.string.map(TOMLValue.string) ?? .other(typeName: "string")
        case .int: return value.int.map(TOMLValue.integer) ?? .other(typeName: "integer")
        case .double: return value.double.map(TOMLValue.float) ?? .other(typeName: "float")
        case .bool: return value.bool.map(TOMLValue.boolean) ?? .other(typeName: "boolean")
        case .array: return value.array.map { .array($0.map(node)) } ?? .other(typeName: "array")
        case .table: return value.table.map { .table(entries(of: $0)) } ?? .other(typeName: "table")
        case .dateTime: return value.dateTime.map { .dateTime(rfc3339($0)) } ?? .other(typeName: "date-time")
        case .date: return .other(typeName: "local date")
        case .time: return .other(typeName: "local time")
        }
    }

    /// `2024-08-26T20:19:40Z`, with `.fraction` when the seconds have one and the offset
    /// spelled `Z` for UTC, `±HH:MM` otherwise; nothing for a local date-time.
    private static func rfc3339(_ value: TOMLDateTime) -> String {
        func pad(_ number: Int, _ width: Int) -> String {
            let digits = String(number)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var text = "\(pad(value.date.year, 4))-\(pad(value.date.month, 2))-\(pad(value.date.day, 2))"
            + "T\(pad(value.time.hour, 2)):\(pad(value.time.minute, 2)):\(pad(value.time.second, 2))"
        if value.time.nanoSecond != 0 {
            var fraction = pad(value.time.nanoSecond, 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        if let offset = value.offset?.offset {
            if offset == 0 {
                text += "Z"
            } else {
                let minutes = abs(offset)
                text += (offset < 0 ? "-" : "+") + pad(minutes / 60, 2) + ":" + pad(minutes % 60, 2)
            }
        }
        return text
    }
}
