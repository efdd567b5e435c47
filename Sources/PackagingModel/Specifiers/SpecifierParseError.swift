/// Why a string is not a PEP 440 version specifier.
public enum SpecifierParseError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case missingOperator(input: String)
    case invalidVersion(input: String, reason: String)
    /// `.*` after an operator other than `==` or `!=`.
    case wildcardNotAllowed(input: String, operator: String)
    /// `.*` after a pre-, post-, dev- or local version (`==1.0a1.*`).
    case wildcardAfterSuffix(input: String)
    /// `+local` after an operator other than `==` or `!=`.
    case localNotAllowed(input: String, operator: String)
    /// `~=1`: the compatible-release operator needs `~=1.0` at least.
    case compatibleNeedsTwoSegments(input: String)
    case numberTooLarge(input: String, digits: String)

    public var description: String {
        switch self {
        case .empty:
            return "a version specifier must not be empty (expected something like '>=1.0')"
        case .missingOperator(let input):
            return "'\(input)' is not a valid version specifier: it must start with one of "
                + "==, !=, <=, >=, <, >, ~=, === (for example '==\(input.trimmingPythonWhitespace)')"
        case .invalidVersion(let input, let reason):
            return "'\(input)' is not a valid version specifier: \(reason)"
        case .wildcardNotAllowed(let input, let op):
            return "'\(input)' is not a valid version specifier: the .* suffix can only be used with "
                + "`==` or `!=`, not with `\(op)`"
        case .wildcardAfterSuffix(let input):
            return "'\(input)' is not a valid version specifier: the .* suffix cannot be used with "
                + "pre-release, post-release, dev or local versions"
        case .localNotAllowed(let input, let op):
            return "'\(input)' is not a valid version specifier: a local version label (+...) can only be "
                + "used with `==` or `!=`, not with `\(op)`"
        case .compatibleNeedsTwoSegments(let input):
            return "'\(input)' is not a valid version specifier: `~=` needs at least two release numbers "
                + "(for example '~=1.0')"
        case .numberTooLarge(let input, let digits):
            return "'\(input)' is not a supported version specifier: the number \(digits) has more digits "
                + "than kiln supports (at most \(Int.max))"
        }
    }
}

extension String {
    var trimmingPythonWhitespace: String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
        if !first.isPythonWhitespace, !last.isPythonWhitespace { return self }
        let scalars = Array(unicodeScalars)
        var lower = 0
        var upper = scalars.count
        while lower < upper, scalars[lower].isPythonWhitespace { lower += 1 }
        while upper > lower, scalars[upper - 1].isPythonWhitespace { upper -= 1 }
        return String(scalars: scalars[lower..<upper])
    }
}
