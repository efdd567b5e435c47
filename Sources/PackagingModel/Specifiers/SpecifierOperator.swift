extension Specifier {
    /// The comparison operators of PEP 440.
    public enum Operator: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        case compatible = "~="
        case equal = "=="
        case notEqual = "!="
        case lessThanOrEqual = "<="
        case greaterThanOrEqual = ">="
        case lessThan = "<"
        case greaterThan = ">"
        /// `===`: string identity, the escape hatch for versions PEP 440 cannot parse.
        case arbitraryEqual = "==="

        public var description: String { rawValue }

        /// Operators that may take a `.*` suffix or a `+local` label.
        var allowsWildcardAndLocal: Bool { self == .equal || self == .notEqual }

        /// Longest spellings first, so `===` is not read as `==` followed by `=`.
        static let byLength: [Operator] = [
            .arbitraryEqual, .compatible, .equal, .notEqual, .lessThanOrEqual, .greaterThanOrEqual,
            .lessThan, .greaterThan,
        ]
    }
}
