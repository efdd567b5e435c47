/// A distribution name as PEP 508 allows it.
///
/// Two names are the same package when their PEP 503 normalised forms agree
/// (`Foo.Bar` is `foo-bar`), so equality and hashing use that form; the spelling
/// the user wrote is kept for messages and for printing requirements back.
public struct PackageName: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The name as written.
    public let original: String
    /// The PEP 503 form: lowercase, runs of `-_.` replaced by `-`.
    public let normalized: String

    public init(_ name: String) throws(NameParseError) {
        guard !name.isEmpty else { throw .empty(kind: "package name") }
        guard NameNormalization.isValid(name) else { throw .invalid(kind: "package name", name: name) }
        self.original = name
        self.normalized = NameNormalization.normalize(name)
    }

    public var description: String { original }

    public static func == (lhs: PackageName, rhs: PackageName) -> Bool {
        lhs.normalized == rhs.normalized
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(normalized)
    }

    public static func < (lhs: PackageName, rhs: PackageName) -> Bool {
        lhs.normalized < rhs.normalized
    }
}
