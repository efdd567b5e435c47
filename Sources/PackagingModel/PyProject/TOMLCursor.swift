/// A TOML value together with where it sits in the document, so that every type error
/// can name its key path (`project.dependencies[2]: expected a string`).
struct TOMLCursor: Sendable, Equatable {
    let node: TOMLValue
    let path: [PathComponent]
    let source: String

    enum PathComponent: Sendable, Equatable {
        case key(String)
        case index(Int)
    }

    /// `project.optional-dependencies.test[0]`; keys that are not bare TOML keys are quoted.
    var keyPath: String { Self.render(path) }

    static func render(_ path: [PathComponent]) -> String {
        var text = ""
        for component in path {
            switch component {
            case .key(let key):
                let bare = !key.isEmpty && key.unicodeScalars.allSatisfy {
                    ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" || $0 == "_"
                }
                if !text.isEmpty { text += "." }
                text += bare ? key : "\"\(key)\""
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }

    func wrongType(_ expected: String) -> PyProjectError {
        .wrongType(source: source, keyPath: keyPath, expected: expected, found: node.typeName)
    }

    func string() throws(PyProjectError) -> String {
        guard case .string(let value) = node else { throw wrongType("a string") }
        return value
    }

    func array() throws(PyProjectError) -> [TOMLCursor] {
        guard case .array(let items) = node else { throw wrongType("an array") }
        return items.enumerated().map { TOMLCursor(node: $1, path: path + [.index($0)], source: source) }
    }

    func stringArray() throws(PyProjectError) -> [String] {
        var strings: [String] = []
        for item in try array() { strings.append(try item.string()) }
        return strings
    }

    func table() throws(PyProjectError) -> TOMLTableCursor {
        guard case .table(let entries) = node else { throw wrongType("a table") }
        return TOMLTableCursor(entries: entries, path: path, source: source)
    }
}

/// A TOML table being read: look up keys, list them, and know the table's own path.
struct TOMLTableCursor: Sendable {
    let entries: [(key: String, value: TOMLValue)]
    let path: [TOMLCursor.PathComponent]
    let source: String

    var keys: [String] { entries.map(\.key) }

    subscript(key: String) -> TOMLCursor? {
        entries.first { $0.key == key }.map { TOMLCursor(node: $0.value, path: path + [.key(key)], source: source) }
    }

    /// Every entry as a cursor, in the order of `entries`.
    var members: [(key: String, value: TOMLCursor)] {
        entries.map { (key: $0.key, value: TOMLCursor(node: $0.value, path: path + [.key($0.key)], source: source)) }
    }

    /// The path of a key in this table, for errors about keys that are missing.
    func keyPath(of key: String) -> String { TOMLCursor.render(path + [.key(key)]) }
}
