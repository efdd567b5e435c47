/// How one incompatibility reads as a statement, alone or joined with another
/// (PubGrub's linear error reporting: "foo depends on bar which depends on baz").
extension TermFormatter {
    func statement(_ incompatibility: Incompatibility) -> String {
        let terms = incompatibility.terms
        switch incompatibility.cause {
        case .dependency where terms.count == 2:
            return "\(subject(terms[0], verb: "depends on")) \(terse(terms[1]))"
        case .noVersions where terms.count == 1:
            return noVersions(terms[0])
        case .unavailable(let reason) where terms.count == 1:
            return "\(terse(terms[0])) cannot be used: \(reason)"
        default:
            break
        }
        if incompatibility.isFailure { return "your requirements are unsatisfiable" }
        if terms.count == 1 {
            return "\(terse(terms[0], allowEvery: true)) \(terms[0].isPositive ? "cannot be used" : "is required")"
        }
        if terms.count == 2, terms[0].isPositive == terms[1].isPositive {
            return terms[0].isPositive ? "\(terse(terms[0], allowEvery: true)) is incompatible with \(terse(terms[1]))"
                : "either \(terse(terms[0])) or \(terse(terms[1])) is required"
        }
        let positives = terms.filter(\.isPositive)
        let negatives = terms.filter { !$0.isPositive }.map { terse($0) }
        if let first = positives.first, !negatives.isEmpty {
            if positives.count == 1 { return "\(subject(first, verb: "requires")) \(negatives.joined(separator: " or "))" }
            return "if \(positives.map { terse($0) }.joined(separator: " and ")) then \(negatives.joined(separator: " or "))"
        }
        if !positives.isEmpty { return "one of \(positives.map { terse($0) }.joined(separator: " or ")) must be false" }
        return "one of \(negatives.joined(separator: " or ")) must be true"
    }

    func joined(_ first: Incompatibility, _ second: Incompatibility, _ firstLine: Int? = nil, _ secondLine: Int? = nil) -> String {
        if let both = requiresBoth(first, second, firstLine, secondLine) { return both }
        if let through = requiresThrough(first, second, firstLine, secondLine) { return through }
        if let forbidden = requiresForbidden(first, second, firstLine, secondLine) { return forbidden }
        // A fact about one package reads best first: "only foo<2 is available and you require foo>=2".
        if second.terms.count == 1, first.terms.count > 1 {
            return statement(second) + label(secondLine) + " and " + statement(first) + label(firstLine)
        }
        return statement(first) + label(firstLine) + " and " + statement(second) + label(secondLine)
    }

    private func label(_ line: Int?) -> String { line.map { " (\($0))" } ?? "" }

    private func verb(_ incompatibility: Incompatibility) -> String {
        if case .dependency = incompatibility.cause { return "depends on" }
        return "requires"
    }

    private func single(_ incompatibility: Incompatibility, positive: Bool) -> Term? {
        let matching = incompatibility.terms.filter { $0.isPositive == positive }
        return matching.count == 1 ? matching[0] : nil
    }

    /// "foo depends on both bar>=1 and baz<2".
    private func requiresBoth(_ first: Incompatibility, _ second: Incompatibility, _ firstLine: Int?, _ secondLine: Int?) -> String? {
        guard first.terms.count > 1, second.terms.count > 1,
              let firstPositive = single(first, positive: true), let secondPositive = single(second, positive: true),
              firstPositive == secondPositive else { return nil }
        let firstNegatives = first.terms.filter { !$0.isPositive }.map { terse($0) }.joined(separator: " or ")
        let secondNegatives = second.terms.filter { !$0.isPositive }.map { terse($0) }.joined(separator: " or ")
        let isDependency = verb(first) == "depends on" && verb(second) == "depends on"
        return "\(subject(firstPositive, verb: isDependency ? "depends on" : "requires")) both \(firstNegatives)"
            + label(firstLine) + " and \(secondNegatives)" + label(secondLine)
    }

    /// "foo depends on bar which depends on baz".
    private func requiresThrough(_ first: Incompatibility, _ second: Incompatibility, _ firstLine: Int?, _ secondLine: Int?) -> String? {
        guard first.terms.count > 1, second.terms.count > 1 else { return nil }
        var prior = first, latter = second, priorLine = firstLine, latterLine = secondLine
        var priorNegative: Term
        if let negative = single(first, positive: false), let positive = single(second, positive: true),
           negative.package == positive.package, negative.negated.satisfies(simplifiedTerm(positive)) {
            priorNegative = negative
        } else if let negative = single(second, positive: false), let positive = single(first, positive: true),
                  negative.package == positive.package, negative.negated.satisfies(simplifiedTerm(positive)) {
            priorNegative = negative
            (prior, latter, priorLine, latterLine) = (second, first, secondLine, firstLine)
        } else {
            return nil
        }
        let latterNegatives = latter.terms.filter { !$0.isPositive }
        guard !latterNegatives.isEmpty else { return nil }
        return priorPhrase(prior) + terse(priorNegative) + label(priorLine) + " which \(verb(latter)) "
            + latterNegatives.map { terse($0) }.joined(separator: " or ") + label(latterLine)
    }

    /// "foo depends on bar>=2 which has no matching versions".
    private func requiresForbidden(_ first: Incompatibility, _ second: Incompatibility, _ firstLine: Int?, _ secondLine: Int?) -> String? {
        guard first.terms.count == 1 || second.terms.count == 1 else { return nil }
        let (prior, latter, priorLine, latterLine) = first.terms.count == 1
            ? (second, first, secondLine, firstLine) : (first, second, firstLine, secondLine)
        guard let negative = single(prior, positive: false), let forbidden = latter.terms.first,
              negative.negated.satisfies(forbidden) else { return nil }
        let ending: String
        switch latter.cause {
        case .noVersions: return nil
        case .unavailable(let reason): ending = "which cannot be used: \(reason)"
        default: ending = "which cannot be used"
        }
        return priorPhrase(prior) + terse(negative) + label(priorLine) + " " + ending + label(latterLine)
    }

    private func priorPhrase(_ prior: Incompatibility) -> String {
        let positives = prior.terms.filter(\.isPositive)
        if positives.count == 1 { return subject(positives[0], verb: verb(prior)) + " " }
        return "if \(positives.map { terse($0) }.joined(separator: " or ")) then "
    }

    private func simplifiedTerm(_ term: Term) -> Term {
        Term(package: term.package, versions: simplified(term.versions, of: term.package), isPositive: term.isPositive)
    }
}
