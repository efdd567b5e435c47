import TOMLKit

/// A TOML value copied out of TOMLKit's tree into plain Sendable Swift values, so the
/// rest of PyProject/ never touches TOMLKit's reference types.
indirect enum TOMLNode: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case array([TOMLNode])
    /// Entries in the order TOMLKit reports them: sorted by key, not in document order.
    case table([(key: String, value: TOMLNode)])
    /// Dates and times: pyproject.toml has no use for them, but their type is reported.
    case other(typeName: String)

    /// The TOML type name, as used in "expected a string, found an integer".
    var typeName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a float"
        case .boolean: "a boolean"
        case .array: "an array"
        case .table: "a table"
        case .other(let typeName): "a \(typeName)"
        }
    }

    static func == (lhs: TOMLNode, rhs: TOMLNode) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.float(let a), .float(let b)): a == b
        case (.boolean(let a), .boolean(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.table(let a), .table(let b)): a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
        case (.other(let a), .other(let b)): a == b
        default: false
        }
    }
}

/// Parses TOML text with TOMLKit and copies the result into `TOMLNode`s.
enum TOMLDocument {
    static func parse(_ text: String, source: String) throws(PyProjectError) -> [(key: String, value: TOMLNode)] {
        if let finding = TOMLCrashGuard.firstCrashingConstruct(in: text) {
            throw .malformedTOML(source: source, line: finding.line, column: finding.column, message: finding.message)
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .malformedTOML(
                source: source, line: error.source.begin.line, column: error.source.begin.column,
                message: error.description)
        } catch {
            throw .malformedTOML(source: source, line: 0, column: 0, message: "\(error)")
        }
        return entries(of: table)
    }

    private static func entries(of table: TOMLTable) -> [(key: String, value: TOMLNode)] {
        table.keys.compactMap { key in
            table[key].map { (key: key, value: node($0)) }
        }
    }

    private static func node(_ value: TOMLValueConvertible) -> TOMLNode {
        switch value.type {
        case .string: return value.string.map(TOMLNode.string) ?? .other(typeName: "string")
        case .int: return value.int.map(TOMLNode.integer) ?? .other(typeName: "integer")
        case .double: return value.double.map(TOMLNode.float) ?? .other(typeName: "float")
        case .bool: return value.bool.map(TOMLNode.boolean) ?? .other(typeName: "boolean")
        case .array:
            guard let array = value.array else { return .other(typeName: "array") }
            return .array(array.map(node))
        case .table:
            guard let table = value.table else { return .other(typeName: "table") }
            return .table(entries(of: table))
        case .date: return .other(typeName: "date")
        case .time: return .other(typeName: "time")
        case .dateTime: return .other(typeName: "date-time")
        }
    }
}
