/// A statement about one package: "it is selected at a version in `versions`"
/// (positive) or "it is not selected at a version in `versions`" (negative, which
/// also holds when the package is not selected at all).
struct Term: Sendable, Hashable {
    let package: ResolverPackage
    let versions: VersionRanges
    let isPositive: Bool

    static func positive(_ package: ResolverPackage, _ versions: VersionRanges) -> Term {
        Term(package: package, versions: versions, isPositive: true)
    }

    static func negative(_ package: ResolverPackage, _ versions: VersionRanges) -> Term {
        Term(package: package, versions: versions, isPositive: false)
    }

    var negated: Term { Term(package: package, versions: versions, isPositive: !isPositive) }

    /// Nothing can satisfy it.
    var isEmpty: Bool { isPositive && versions.isEmpty }

    /// Both terms at once (same package).
    func intersection(_ other: Term) -> Term {
        switch (isPositive, other.isPositive) {
        case (true, true): .positive(package, versions.intersection(other.versions))
        case (true, false): .positive(package, versions.subtracting(other.versions))
        case (false, true): .positive(package, other.versions.subtracting(versions))
        case (false, false): .negative(package, versions.union(other.versions))
        }
    }

    /// What this term allows that `other` does not: `self ∧ ¬other`.
    func difference(_ other: Term) -> Term {
        intersection(other.negated)
    }

    /// Whenever this term holds, `other` holds too.
    func satisfies(_ other: Term) -> Bool {
        switch (isPositive, other.isPositive) {
        case (true, true): versions.isSubset(of: other.versions)
        case (true, false): versions.isDisjoint(with: other.versions)
        case (false, true): false
        case (false, false): other.versions.isSubset(of: versions)
        }
    }

    /// This term and `other` can never hold together.
    func contradicts(_ other: Term) -> Bool {
        switch (isPositive, other.isPositive) {
        case (true, true): versions.isDisjoint(with: other.versions)
        case (true, false): versions.isSubset(of: other.versions)
        case (false, true): other.versions.isSubset(of: versions)
        case (false, false): false
        }
    }

    enum Relation { case satisfied, contradicted, inconclusive }

    /// How `other` stands given that this term holds.
    func relation(to other: Term) -> Relation {
        if satisfies(other) { return .satisfied }
        if contradicts(other) { return .contradicted }
        return .inconclusive
    }
}
