import PackagingModel

/// A set of terms that must not all hold at once, and why.
///
/// A reference type: derived incompatibilities point at the two they came from,
/// and the error report walks that tree, numbering shared nodes by identity.
final class Incompatibility: Sendable {
    let terms: [Term]
    let cause: Cause

    enum Cause: Sendable {
        /// The root package must be selected.
        case root
        /// No candidate version of the package lies in the term's range.
        case noVersions
        /// The positive term's package depends on the negative term's package.
        case dependency
        /// These versions exist but cannot be used.
        case unavailable(UnavailableReason)
        /// Derived during conflict resolution from two others.
        case conflict(Incompatibility, Incompatibility)
    }

    /// Builds an incompatibility, merging terms about one package and, in derived
    /// ones, dropping the root's positive term (it always holds, and leaving it out
    /// makes explanations read better).
    init(_ terms: [Term], cause: Cause) {
        var merged: [Term] = []
        for term in terms {
            if let index = merged.firstIndex(where: { $0.package == term.package }) {
                merged[index] = merged[index].intersection(term)
            } else {
                merged.append(term)
            }
        }
        if case .conflict = cause, merged.count > 1,
           merged.contains(where: { $0.package == .root && $0.isPositive }) {
            merged.removeAll { $0.package == .root && $0.isPositive }
        }
        self.terms = merged
        self.cause = cause
    }

    var isDerived: Bool {
        if case .conflict = cause { return true }
        return false
    }

    /// The derived causes, when this one is derived.
    var derivedFrom: (Incompatibility, Incompatibility)? {
        if case .conflict(let first, let second) = cause { return (first, second) }
        return nil
    }

    /// Whether this incompatibility says that resolution as a whole is impossible.
    var isFailure: Bool {
        terms.isEmpty || (terms.count == 1 && terms[0].package == .root && terms[0].isPositive)
    }

    func term(for package: ResolverPackage) -> Term? {
        terms.first { $0.package == package }
    }
}

/// Why versions that exist cannot be used. These facts come from the provider or
/// the candidate policy and end up, with their details, in the error report.
public enum UnavailableReason: Sendable, Hashable, CustomStringConvertible {
    /// The version's metadata could not be obtained (for an sdist: its metadata build failed).
    case metadataFailed(UnusableReason)
    /// The metadata (not the index) says the version excludes the target Python.
    case requiresPython(specifier: String, python: String)
    /// Earlier metadata builds of this package failed too often to try more.
    case buildFailureLimit(limit: Int)

    public var description: String {
        switch self {
        case .metadataFailed(let reason):
            reason.countsAsBuildFailure ? reason.description : "its metadata could not be obtained: \(reason)"
        case .requiresPython(let specifier, let python):
            "it requires Python \(specifier), which excludes Python \(python)"
        case .buildFailureLimit(let limit):
            "the limit of \(limit) failed metadata builds was reached"
        }
    }
}

extension Incompatibility: Hashable {
    static func == (lhs: Incompatibility, rhs: Incompatibility) -> Bool { lhs === rhs }
    func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
