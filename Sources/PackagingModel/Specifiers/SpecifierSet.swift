/// A comma-separated list of version specifiers, all of which must hold
/// (`>=1.0,!=1.3.*,<2`). An empty set admits every version.
///
/// `description` lists the specifiers normalised, sorted and without duplicates,
/// as packaging prints them; equality compares that canonical list.
public struct SpecifierSet: Sendable {
    /// The specifiers in the order they were written.
    public let specifiers: [Specifier]
    /// An explicit pre-release policy for the whole set (packaging's
    /// `prereleases=`). nil means: PEP 440's default, widened to admit
    /// pre-releases when a specifier names one. Not part of equality.
    public var prereleases: Bool?

    public init(_ specifiers: [Specifier] = [], prereleases: Bool? = nil) {
        self.specifiers = specifiers
        self.prereleases = prereleases
    }

    /// Parses `>=1.0, <2.0`; empty parts (`""`, `">=1,"`) are allowed and ignored.
    public init(_ string: String, prereleases: Bool? = nil) throws(SpecifierParseError) {
        var parsed: [Specifier] = []
        for part in string.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = String(part).trimmingPythonWhitespace
            if trimmed.isEmpty { continue }
            parsed.append(try Specifier(trimmed))
        }
        self.init(parsed, prereleases: prereleases)
    }

    public var isEmpty: Bool { specifiers.isEmpty }

    /// Whether any specifier names a pre-release (`>=2.0b1`), which makes the set
    /// admit pre-releases. A resolver asks this before offering pre-releases.
    public var namesPrerelease: Bool { specifiers.contains { $0.namesPrerelease } }

    /// The policy used when a caller gives none: the explicit one, else "yes"
    /// when a specifier names a pre-release, else PEP 440's default (nil).
    var defaultPrereleasePolicy: Bool? {
        prereleases ?? (namesPrerelease ? true : nil)
    }

    var hasArbitraryEquality: Bool { specifiers.contains { $0.operator == .arbitraryEqual } }

    /// Both sets at once. Explicit pre-release policies must not contradict each other;
    /// when they do, the left-hand one wins.
    public static func & (lhs: SpecifierSet, rhs: SpecifierSet) -> SpecifierSet {
        SpecifierSet(lhs.specifiers + rhs.specifiers, prereleases: lhs.prereleases ?? rhs.prereleases)
    }

    /// Sorted by printed form, duplicates (by PEP 440 equality) removed.
    var canonicalSpecifiers: [Specifier] {
        var result: [Specifier] = []
        for specifier in specifiers.sorted(by: { $0.description < $1.description })
        where !result.contains(specifier) {
            result.append(specifier)
        }
        return result
    }
}

extension SpecifierSet: Hashable, CustomStringConvertible {
    public var description: String {
        canonicalSpecifiers.map(\.description).joined(separator: ",")
    }

    public static func == (lhs: SpecifierSet, rhs: SpecifierSet) -> Bool {
        lhs.canonicalSpecifiers == rhs.canonicalSpecifiers
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(canonicalSpecifiers)
    }
}

extension SpecifierSet: Sequence {
    public func makeIterator() -> IndexingIterator<[Specifier]> {
        specifiers.makeIterator()
    }
}
