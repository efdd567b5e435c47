import PackagingModel
import TOMLKit

/// A TOML value copied out of TOMLKit's tree into plain Sendable values. Date-times keep their
/// RFC 3339 text (PEP 751's `upload-time` is one).
indirect enum LockTOMLValue: Sendable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case dateTime(String)
    case array([LockTOMLValue])
    case table([String: LockTOMLValue])
    /// A local date or time: no PEP 751 key takes one.
    case other(typeName: String)

    var typeName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a float"
        case .boolean: "a boolean"
        case .dateTime: "a date-time"
        case .array: "an array"
        case .table: "a table"
        case .other(let name): "a \(name)"
        }
    }

    /// Parses `text`; TOML errors carry the line and column.
    static func parse(_ text: String, source: String) throws(PylockError) -> [String: LockTOMLValue] {
        // toml++ asserts on a few invalid inputs instead of reporting them; find those first.
        if let finding = TOMLCrashGuard.firstCrashingConstruct(in: text) {
            throw .malformedTOML(source: source, line: finding.line, column: finding.column, message: finding.message)
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .malformedTOML(source: source, line: error.source.begin.line, column: error.source.begin.column, message: error.description)
        } catch {
            throw .malformedTOML(source: source, line: 0, column: 0, message: "\(error)")
        }
        return entries(of: table)
    }

    private static func entries(of table: TOMLTable) -> [String: LockTOMLValue] {
        var entries: [String: LockTOMLValue] = [:]
        for key in table.keys {
            if let value = table[key] { entries[key] = node(value) }
        }
        return entries
    }

    private static func node(_ value: TOMLValueConvertible) -> LockTOMLValue {
        switch value.type {
        case .string: return value.string.map(LockTOMLValue.string) ?? .other(typeName: "string")
        case .int: return value.int.map(LockTOMLValue.integer) ?? .other(typeName: "integer")
        case .double: return value.double.map(LockTOMLValue.float) ?? .other(typeName: "float")
        case .bool: return value.bool.map(LockTOMLValue.boolean) ?? .other(typeName: "boolean")
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
