/// Where and why a PEP 508 dependency specifier or marker failed to parse.
///
/// `span` counts code points from the start of `input` (the columns packaging
/// reports); `description` draws the same caret diagram packaging prints.
public struct PEP508SyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    public let input: String
    public let reason: String
    public let span: Range<Int>

    public init(input: String, reason: String, span: Range<Int>) {
        self.input = input
        self.reason = reason
        self.span = span
    }

    /// The column (0-based, in code points) the caret points at.
    public var column: Int { span.upperBound }

    public var description: String {
        let pointer = String(repeating: " ", count: span.lowerBound)
            + String(repeating: "~", count: span.count) + "^"
        return "\(reason)\n    \(input)\n    \(pointer)"
    }
}

/// Why a string is not a PEP 508 environment marker.
public enum MarkerParseError: Error, Equatable, Sendable, CustomStringConvertible {
    case syntax(PEP508SyntaxError)

    public var description: String {
        switch self {
        case .syntax(let error): error.description
        }
    }
}
