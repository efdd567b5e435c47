import PackagingModel

/// The decisions and derivations made so far, in order, with each package's
/// accumulated term (the intersection of all its assignments).
struct PartialSolution: Sendable {
    private(set) var assignments: [Assignment] = []
    private(set) var decisions: [ResolverPackage: Version] = [:]
    /// Per package, the intersection of all its assignments.
    private var accumulated: [ResolverPackage: Term] = [:]

    /// Level 0 holds what follows before the root is decided; each decision opens a level.
    var decisionLevel: Int { decisions.count }

    /// Packages that must be selected but have no version chosen yet, with their ranges.
    var undecided: [(package: ResolverPackage, versions: VersionRanges)] {
        accumulated.values
            .filter { $0.isPositive && decisions[$0.package] == nil }
            .map { ($0.package, $0.versions) }
    }

    func accumulatedTerm(for package: ResolverPackage) -> Term? {
        accumulated[package]
    }

    mutating func decide(_ package: ResolverPackage, at version: Version) {
        decisions[package] = version
        append(term: .positive(package, .exactly(version)), cause: nil)
    }

    mutating func derive(_ term: Term, cause: Incompatibility) {
        append(term: term, cause: cause)
    }

    private mutating func append(term: Term, cause: Incompatibility?) {
        let assignment = Assignment(term: term, decisionLevel: decisionLevel, index: assignments.count, cause: cause)
        assignments.append(assignment)
        register(assignment)
    }

    private mutating func register(_ assignment: Assignment) {
        let package = assignment.term.package
        accumulated[package] = accumulated[package].map { $0.intersection(assignment.term) } ?? assignment.term
    }

    /// How `term` stands against what the partial solution says about its package.
    func relation(to term: Term) -> Term.Relation {
        guard let known = accumulated[term.package] else { return .inconclusive }
        return known.relation(to: term)
    }

    func satisfies(_ term: Term) -> Bool {
        relation(to: term) == .satisfied
    }

    /// The earliest assignment after which the partial solution satisfies `term`.
    func satisfier(of term: Term) -> Assignment? {
        var running: Term?
        for assignment in assignments where assignment.term.package == term.package {
            running = running.map { $0.intersection(assignment.term) } ?? assignment.term
            if let running, running.satisfies(term) { return assignment }
        }
        return nil
    }

    /// Drops every assignment above `level`.
    mutating func backtrack(to level: Int) {
        var touched = Set<ResolverPackage>()
        while let last = assignments.last, last.decisionLevel > level {
            assignments.removeLast()
            touched.insert(last.term.package)
            if last.isDecision { decisions[last.term.package] = nil }
        }
        for package in touched { accumulated[package] = nil }
        for assignment in assignments where touched.contains(assignment.term.package) {
            register(assignment)
        }
    }
}
