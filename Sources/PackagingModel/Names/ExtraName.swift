/// The name of an optional feature (an "extra") of a distribution.
///
/// PEP 685 compares extras after the same normalisation PEP 503 uses for
/// package names, so `[Security]`, `[security]` and `[SECURITY]` are one extra.
public struct ExtraName: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The extra as written.
    public let original: String
    /// The PEP 685 form: lowercase, runs of `-_.` replaced by `-`.
    public let normalized: String

    public init(_ name: String) throws(NameParseError) {
        guard !name.isEmpty else { throw .empty(kind: "extra name") }
        guard NameNormalization.isValid(name) else { throw .invalid(kind: "extra name", name: name) }
        self.original = name
        self.normalized = NameNormalization.normalize(name)
    }

    public var description: String { original }

    public static func == (lhs: ExtraName, rhs: ExtraName) -> Bool {
        lhs.normalized == rhs.normalized
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(normalized)
    }

    public static func < (lhs: ExtraName, rhs: ExtraName) -> Bool {
        lhs.normalized < rhs.normalized
    }
}
