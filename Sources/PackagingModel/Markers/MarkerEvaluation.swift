extension Marker {
    /// Evaluates the marker for an interpreter and a set of requested extras.
    ///
    /// `extra == "x"` holds when `x` is among `extras` and `extra != "x"` when it is
    /// not (names compared PEP 685-normalised), which is what a resolver asking
    /// "does this dependency apply with these extras?" needs; with no extras, `extra`
    /// is the empty string, as in packaging's metadata context. `"x" in extras` and
    /// `"g" in dependency_groups` (PEP 751) test membership.
    ///
    /// Comparisons packaging cannot define (`~=` between non-versions, a set on the
    /// left of `==`) raise an error there; here they are false.
    public func evaluate(
        _ environment: MarkerEnvironment,
        extras: Set<ExtraName> = [],
        dependencyGroups: Set<ExtraName> = []
    ) -> Bool {
        let context = MarkerEvaluationContext(
            environment: environment,
            extras: Set(extras.map(\.normalized)),
            dependencyGroups: Set(dependencyGroups.map(\.normalized))
        )
        return context.evaluate(expression)
    }
}

struct MarkerEvaluationContext {
    let environment: MarkerEnvironment
    let extras: Set<String>
    let dependencyGroups: Set<String>

    func evaluate(_ expression: MarkerExpression) -> Bool {
        switch expression {
        case .comparison(let comparison): evaluate(comparison)
        case .group(let inner): evaluate(inner)
        case .and(let operands): operands.allSatisfy(evaluate)
        case .or(let operands): operands.contains(where: evaluate)
        }
    }

    private func evaluate(_ comparison: MarkerComparison) -> Bool {
        switch (comparison.lhs, comparison.op, comparison.rhs) {
        case (.variable(.extra), .equal, .literal(let name)), (.literal(let name), .equal, .variable(.extra)):
            return extras.contains(NameNormalization.normalize(name))
        case (.variable(.extra), .notEqual, .literal(let name)), (.literal(let name), .notEqual, .variable(.extra)):
            return !extras.contains(NameNormalization.normalize(name))
        case (.literal(let name), .in, .variable(let variable)) where variable.isSetValued:
            return names(of: variable).contains(NameNormalization.normalize(name))
        case (.literal(let name), .notIn, .variable(let variable)) where variable.isSetValued:
            return !names(of: variable).contains(NameNormalization.normalize(name))
        default:
            return evaluateAsStrings(comparison)
        }
    }

    private func names(of variable: MarkerVariable) -> Set<String> {
        variable == .extras ? extras : dependencyGroups
    }

    /// Every other comparison: both sides become strings; an `extra` on either side
    /// is tried with each requested extra (or "" when none was requested).
    private func evaluateAsStrings(_ comparison: MarkerComparison) -> Bool {
        let key = comparison.lhs.variable ?? comparison.rhs.variable
        if let key, key.isSetValued { return false }
        let leftValues = values(of: comparison.lhs)
        let rightValues = values(of: comparison.rhs)
        return leftValues.contains { left in
            rightValues.contains { right in
                MarkerComparisonRules.compare(left, comparison.op, right, versionValued: key?.isVersionValued ?? false)
            }
        }
    }

    private func values(of operand: MarkerOperand) -> [String] {
        switch operand {
        case .literal(let text):
            return [text]
        case .variable(.extra):
            return extras.isEmpty ? [""] : extras.sorted()
        case .variable(let variable):
            return [environment.value(of: variable) ?? ""]
        }
    }
}

extension MarkerOperand {
    var variable: MarkerVariable? {
        if case .variable(let variable) = self { return variable }
        return nil
    }
}

/// packaging's comparison rules for marker values.
enum MarkerComparisonRules {
    static func compare(_ lhs: String, _ op: MarkerOperator, _ rhs: String, versionValued: Bool) -> Bool {
        // For version variables, `lhs op rhs` is the specifier `op rhs` applied to
        // `lhs` whenever that specifier parses (`"3.9" > python_version` included).
        if versionValued, op != .in, op != .notIn,
           let specifier = try? Specifier(op.rawValue + rhs) {
            return specifier.contains(rawVersion: lhs, prereleases: true)
        }
        switch op {
        case .equal, .lessThanOrEqual, .greaterThanOrEqual:
            return lhs.unicodeScalars.elementsEqual(rhs.unicodeScalars)
        case .notEqual:
            return !lhs.unicodeScalars.elementsEqual(rhs.unicodeScalars)
        case .in:
            return isSubstring(lhs, of: rhs)
        case .notIn:
            return !isSubstring(lhs, of: rhs)
        // packaging: ordering strings is false; `~=`/`===` on strings is undefined.
        case .lessThan, .greaterThan, .compatible, .arbitraryEqual:
            return false
        }
    }

    /// Python's `needle in haystack` on code points (Swift's `contains` would
    /// compare grapheme clusters under canonical equivalence).
    static func isSubstring(_ needle: String, of haystack: String) -> Bool {
        let needleScalars = Array(needle.unicodeScalars)
        let haystackScalars = Array(haystack.unicodeScalars)
        guard !needleScalars.isEmpty else { return true }
        guard needleScalars.count <= haystackScalars.count else { return false }
        for start in 0...(haystackScalars.count - needleScalars.count)
        where haystackScalars[start..<(start + needleScalars.count)].elementsEqual(needleScalars) {
            return true
        }
        return false
    }
}
