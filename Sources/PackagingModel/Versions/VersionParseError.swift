/// Why a string is not a PEP 440 version.
public enum VersionParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The string was empty or only whitespace.
    case empty
    /// The string does not follow the PEP 440 grammar; `offset` counts code points.
    case invalidSyntax(input: String, offset: Int, reason: String)
    /// A numeric segment does not fit in 64 bits; kiln rejects it rather than wrap or trap.
    case numberTooLarge(input: String, digits: String)
    /// A component passed to `Version(epoch:release:...)` is out of range.
    case invalidComponent(reason: String)

    public var description: String {
        switch self {
        case .empty:
            return "a version must not be empty (expected something like '1.0')"
        case .invalidSyntax(let input, let offset, let reason):
            return "'\(input)' is not a valid PEP 440 version: \(reason) at position \(offset + 1)"
        case .numberTooLarge(let input, let digits):
            return "'\(input)' is not a supported version: the number \(digits) has more digits than kiln supports "
                + "(at most \(Int.max))"
        case .invalidComponent(let reason):
            return "invalid version component: \(reason)"
        }
    }
}
