/// Turns the derivation tree of a failure into numbered explanatory lines, the way
/// PubGrub's linear error reporting does: chains of derivations collapse into one
/// sentence each, and only derivations used more than once get a number to refer back to.
struct DerivationReport {
    let formatter: TermFormatter
    private var lines: [(text: String, number: Int?)] = []
    private var lineNumbers: [Incompatibility: Int] = [:]
    private var derivations: [Incompatibility: Int] = [:]

    init(formatter: TermFormatter) {
        self.formatter = formatter
    }

    mutating func explain(_ root: Incompatibility) -> String {
        countDerivations(root)
        if root.isDerived {
            visit(root, root: root)
        } else {
            write(root, "Because \(formatter.statement(root)), we can conclude that your requirements are unsatisfiable.")
        }
        let padding = lineNumbers.values.max().map { "(\($0)) ".count } ?? 0
        return lines.map { line in
            if line.text.isEmpty { return "" }
            let prefix = line.number.map { "(\($0))" } ?? ""
            return prefix.padding(toLength: padding, withPad: " ", startingAt: 0) + line.text
        }.joined(separator: "\n")
    }

    private mutating func countDerivations(_ incompatibility: Incompatibility) {
        if let count = derivations[incompatibility] {
            derivations[incompatibility] = count + 1
            return
        }
        derivations[incompatibility] = 1
        if let (first, second) = incompatibility.derivedFrom {
            countDerivations(first)
            countDerivations(second)
        }
    }

    private func conclusion(_ incompatibility: Incompatibility) -> String {
        "we can conclude that \(formatter.statement(incompatibility))"
    }

    private mutating func visit(_ incompatibility: Incompatibility, root: Incompatibility, conclusion isConclusion: Bool = false) {
        guard let (conflict, other) = incompatibility.derivedFrom else { return }
        let numbered = isConclusion || (derivations[incompatibility] ?? 0) > 1
        let conjunction = isConclusion || incompatibility === root ? "So, because" : "And because"
        let concluded = conclusion(incompatibility)

        if conflict.isDerived && other.isDerived {
            let conflictLine = lineNumbers[conflict]
            let otherLine = lineNumbers[other]
            if let conflictLine, let otherLine {
                write(incompatibility, "Because \(formatter.joined(conflict, other, conflictLine, otherLine)), \(concluded).",
                      numbered: numbered)
            } else if conflictLine != nil || otherLine != nil {
                let (withLine, withoutLine) = conflictLine != nil ? (conflict, other) : (other, conflict)
                visit(withoutLine, root: root)
                let line = lineNumbers[withLine].map { " (\($0))" } ?? ""
                write(incompatibility, "\(conjunction) \(formatter.statement(withLine))\(line), \(concluded).",
                      numbered: numbered)
            } else if isSingleLine(conflict) || isSingleLine(other) {
                let (first, second) = isSingleLine(other) ? (conflict, other) : (other, conflict)
                visit(first, root: root)
                visit(second, root: root)
                write(incompatibility, "Thus, \(formatter.statement(incompatibility)).", numbered: numbered)
            } else {
                visit(conflict, root: root, conclusion: true)
                lines.append(("", nil))
                visit(other, root: root)
                let line = lineNumbers[conflict].map { " (\($0))" } ?? ""
                write(incompatibility, "\(conjunction) \(formatter.statement(conflict))\(line), \(concluded).",
                      numbered: numbered)
            }
        } else if conflict.isDerived || other.isDerived {
            let (derived, external) = conflict.isDerived ? (conflict, other) : (other, conflict)
            if let derivedLine = lineNumbers[derived] {
                write(incompatibility, "Because \(formatter.joined(external, derived, nil, derivedLine)), \(concluded).",
                      numbered: numbered)
            } else if isCollapsible(derived), let (innerConflict, innerOther) = derived.derivedFrom {
                let (collapsedDerived, collapsedExternal) = innerConflict.isDerived
                    ? (innerConflict, innerOther) : (innerOther, innerConflict)
                visit(collapsedDerived, root: root)
                write(incompatibility,
                      "\(conjunction) \(formatter.joined(collapsedExternal, external)), \(concluded).", numbered: numbered)
            } else {
                visit(derived, root: root)
                write(incompatibility, "\(conjunction) \(formatter.statement(external)), \(concluded).", numbered: numbered)
            }
        } else {
            write(incompatibility, "Because \(formatter.joined(conflict, other)), \(concluded).", numbered: numbered)
        }
    }

    private func isSingleLine(_ incompatibility: Incompatibility) -> Bool {
        guard let (first, second) = incompatibility.derivedFrom else { return false }
        return !first.isDerived && !second.isDerived
    }

    private func isCollapsible(_ incompatibility: Incompatibility) -> Bool {
        guard (derivations[incompatibility] ?? 0) <= 1, let (first, second) = incompatibility.derivedFrom else {
            return false
        }
        if first.isDerived == second.isDerived { return false }
        let complex = first.isDerived ? first : second
        return lineNumbers[complex] == nil
    }

    private mutating func write(_ incompatibility: Incompatibility, _ text: String, numbered: Bool = false) {
        guard numbered else {
            lines.append((text, nil))
            return
        }
        let number = lineNumbers.count + 1
        lineNumbers[incompatibility] = number
        lines.append((text, number))
    }
}
