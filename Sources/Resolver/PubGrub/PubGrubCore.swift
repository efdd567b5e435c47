import PackagingModel

/// The synchronous heart of PubGrub: the incompatibility store, unit propagation
/// and conflict resolution with backjumping. Decision making, which needs the
/// metadata provider, lives in `ResolutionSession`.
struct PubGrubCore: Sendable {
    private(set) var solution = PartialSolution()
    private var incompatibilities: [ResolverPackage: [Incompatibility]] = [:]

    /// Thrown (as a value) when the root cause of a conflict is a failure.
    struct NoSolution: Error {
        let incompatibility: Incompatibility
    }

    mutating func add(_ incompatibility: Incompatibility) {
        for term in incompatibility.terms {
            incompatibilities[term.package, default: []].append(incompatibility)
        }
    }

    mutating func decide(_ package: ResolverPackage, at version: Version) {
        solution.decide(package, at: version)
    }

    /// Unit propagation from `package`: derives every term the incompatibilities force,
    /// resolving conflicts as they appear.
    mutating func propagate(from package: ResolverPackage) throws(NoSolution) {
        var changed: [ResolverPackage] = [package]
        while let next = changed.popLast() {
            // Newest first: they are the most likely to derive something.
            for incompatibility in (incompatibilities[next] ?? []).reversed() {
                switch propagate(incompatibility) {
                case .none:
                    continue
                case .derived(let derivedPackage):
                    if !changed.contains(derivedPackage) { changed.append(derivedPackage) }
                    continue
                case .conflict:
                    // The root cause is almost satisfied after backjumping: derive from it
                    // and start over from that package alone.
                    let rootCause = try resolveConflict(incompatibility)
                    changed.removeAll()
                    if case .derived(let derivedPackage) = propagate(rootCause) { changed.append(derivedPackage) }
                }
                break
            }
        }
    }

    private enum PropagationResult { case none, derived(ResolverPackage), conflict }

    private mutating func propagate(_ incompatibility: Incompatibility) -> PropagationResult {
        var unsatisfied: Term?
        for term in incompatibility.terms {
            switch solution.relation(to: term) {
            case .contradicted:
                return .none
            case .inconclusive:
                if unsatisfied != nil { return .none }
                unsatisfied = term
            case .satisfied:
                continue
            }
        }
        guard let unsatisfied else { return .conflict }
        solution.derive(unsatisfied.negated, cause: incompatibility)
        return .derived(unsatisfied.package)
    }

    /// Finds the root cause of a satisfied incompatibility, backjumps to where it is
    /// almost satisfied, and returns it; throws when the root cause is a failure.
    private mutating func resolveConflict(_ conflict: Incompatibility) throws(NoSolution) -> Incompatibility {
        var incompatibility = conflict
        var createdNew = false
        while !incompatibility.isFailure {
            var mostRecentTerm: Term?
            var mostRecentSatisfier: Assignment?
            var difference: Term?
            var previousSatisfierLevel = 1
            for term in incompatibility.terms {
                guard let satisfier = solution.satisfier(of: term) else { continue }
                if let current = mostRecentSatisfier, current.index >= satisfier.index {
                    previousSatisfierLevel = max(previousSatisfierLevel, satisfier.decisionLevel)
                } else {
                    if let current = mostRecentSatisfier {
                        previousSatisfierLevel = max(previousSatisfierLevel, current.decisionLevel)
                    }
                    mostRecentTerm = term
                    mostRecentSatisfier = satisfier
                    difference = nil
                }
                if mostRecentTerm == term, let satisfierTerm = mostRecentSatisfier?.term {
                    let remainder = satisfierTerm.difference(term)
                    difference = remainder.isEmpty ? nil : remainder
                    if let remainder = difference, let earlier = solution.satisfier(of: remainder.negated) {
                        previousSatisfierLevel = max(previousSatisfierLevel, earlier.decisionLevel)
                    }
                }
            }
            guard let satisfier = mostRecentSatisfier, let satisfiedTerm = mostRecentTerm else { break }

            if previousSatisfierLevel < satisfier.decisionLevel || satisfier.cause == nil {
                solution.backtrack(to: previousSatisfierLevel)
                if createdNew { add(incompatibility) }
                return incompatibility
            }
            guard let satisfierCause = satisfier.cause else { break }
            // The prior cause: this incompatibility and the satisfier's cause, resolved on
            // the satisfier's package.
            var terms = incompatibility.terms.filter { $0 != satisfiedTerm }
            terms += satisfierCause.terms.filter { $0.package != satisfier.term.package }
            if let difference { terms.append(difference.negated) }
            incompatibility = Incompatibility(terms, cause: .conflict(incompatibility, satisfierCause))
            createdNew = true
        }
        throw NoSolution(incompatibility: incompatibility)
    }
}
