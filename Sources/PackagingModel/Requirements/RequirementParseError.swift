/// Why a string is not a PEP 508 dependency specifier.
public enum RequirementParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text does not follow the PEP 508 grammar; the error has the column.
    case syntax(PEP508SyntaxError)
    /// The grammar matched but a version specifier in it is not valid PEP 440.
    case invalidSpecifier(input: String, SpecifierParseError)
    /// The grammar matched but the name is not a valid distribution or extra name.
    case invalidName(input: String, NameParseError)

    public var description: String {
        switch self {
        case .syntax(let error):
            return error.description
        case .invalidSpecifier(let input, let error):
            return "invalid requirement '\(input)': \(error)"
        case .invalidName(let input, let error):
            return "invalid requirement '\(input)': \(error)"
        }
    }
}
