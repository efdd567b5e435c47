/// Why a string is not a wheel tag or compressed tag set.
public enum TagParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not exactly `interpreter-abi-platform`.
    case wrongComponentCount(tag: String, count: Int)
    /// A part (or a member of a compressed part, `py3.` ) is empty.
    case emptyComponent(tag: String, component: String)
    /// The interpreter is not an identifier (`2`, `py+3`).
    case invalidInterpreter(tag: String, interpreter: String)
    /// A single tag's part contains a separator (`-` or `.`).
    case invalidCharacter(tag: String, component: String, value: String)
    /// The compressed set would expand to more tags than the caller allows.
    case tooManyTags(tag: String, count: Int, limit: Int)

    public var description: String {
        switch self {
        case .wrongComponentCount(let tag, let count):
            return "'\(tag)' is not a wheel tag: it must have exactly three components (interpreter-abi-platform), not \(count)"
        case .emptyComponent(let tag, let component):
            return "'\(tag)' is not a wheel tag: its \(component) component is empty"
        case .invalidInterpreter(let tag, let interpreter):
            return "'\(tag)' is not a wheel tag: '\(interpreter)' is not a valid interpreter (expected something like 'py3' or 'cp312')"
        case .invalidCharacter(let tag, let component, let value):
            return "'\(tag)' is not a wheel tag: its \(component) '\(value)' contains '-' or '.'"
        case .tooManyTags(let tag, let count, let limit):
            return "the compressed tag set '\(tag)' would expand to \(count) tags, more than the limit of \(limit)"
        }
    }
}
