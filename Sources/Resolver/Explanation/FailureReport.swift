import PackagingModel

/// Builds the error for a failed resolution: the explanation of the derivation tree
/// and hints about the common traps behind it.
struct FailureReport {
    let session: ResolutionSession

    func error(for failure: Incompatibility) -> ResolutionError {
        var available: [PackageName: [Version]] = [:]
        var excludedForPython: [PackageName: [Version]] = [:]
        for (name, list) in session.candidates {
            available[name] = list.ordered.map(\.version).sorted()
            excludedForPython[name] = list.excluded.compactMap { entry in
                if case .requiresPython = entry.reason { return entry.version }
                return nil
            }
        }
        let formatter = TermFormatter(
            pythonVersion: session.environment.pythonVersion, available: available, excludedForPython: excludedForPython
        )
        var report = DerivationReport(formatter: formatter)
        let explanation = report.explain(failure)
        return .noSolution(explanation: explanation, hints: hints(for: failure))
    }

    /// Hints for every package a "no versions" or "unavailable" fact of the tree names.
    private func hints(for failure: Incompatibility) -> [String] {
        var noVersionTerms: [(PackageName, VersionRanges)] = []
        var mentioned: [PackageName] = []
        var visited = Set<Incompatibility>()
        var stack = [failure]
        while let next = stack.popLast() {
            guard visited.insert(next).inserted else { continue }
            if let (first, second) = next.derivedFrom {
                stack += [second, first]
                continue
            }
            for term in next.terms {
                guard let name = term.package.name else { continue }
                if !mentioned.contains(name) { mentioned.append(name) }
                if case .noVersions = next.cause { noVersionTerms.append((name, term.versions)) }
            }
        }
        var hints: [String] = []
        for (name, range) in noVersionTerms {
            hints += versionHints(name, range)
        }
        for name in mentioned {
            if let failures = session.buildFailures[name], !failures.isEmpty {
                hints.append(BuildFailureListing.text(name, failures))
            }
        }
        var unique: [String] = []
        for hint in hints where !unique.contains(hint) { unique.append(hint) }
        return unique
    }

    private func versionHints(_ name: PackageName, _ range: VersionRanges) -> [String] {
        guard let list = session.candidates[name] else { return [] }
        let python = session.environment.pythonVersion
        var hints: [String] = []
        var byPythonSpecifier: [(String, [Version])] = []
        for (version, reason) in list.excluded where range.contains(version) {
            switch reason {
            case .requiresPython(let specifier):
                let text = specifier.description
                if let index = byPythonSpecifier.firstIndex(where: { $0.0 == text }) {
                    byPythonSpecifier[index].1.append(version)
                } else {
                    byPythonSpecifier.append((text, [version]))
                }
            case .noUsableFile(let why):
                hints.append("\(name)==\(version) was skipped: \(why)")
            }
        }
        for (specifier, versions) in byPythonSpecifier {
            let listed = versions.sorted(by: >).map(\.description).joined(separator: ", ")
            hints.append("\(name) \(listed) \(versions.count == 1 ? "was" : "were") skipped because "
                + "\(versions.count == 1 ? "its" : "their") requires-python (\(specifier)) excludes Python \(python)")
        }
        let known = session.facts[name] ?? RequirementFacts()
        for candidate in list.ordered where range.contains(candidate.version) {
            if candidate.isYanked {
                let reason = candidate.file.yankReason.map { $0.isEmpty ? "" : " (reason: \($0))" } ?? ""
                hints.append("\(name)==\(candidate.version) is yanked\(reason); pin it with ==\(candidate.version) "
                    + "to use it anyway")
            } else if candidate.version.isPrerelease, !known.namesPrerelease {
                hints.append("\(name)==\(candidate.version) is a pre-release; name a pre-release in the requirement "
                    + "(for example \(name)>=\(candidate.version)) to allow it")
            }
        }
        if let pinned = range.intervals.first, range.intervals.count == 1,
           case .before(let low) = pinned.lower, low.local != nil {
            let locals = list.ordered.map(\.version).filter { $0.publicVersion == low.publicVersion && $0 != low }
            if !locals.isEmpty {
                hints.append("\(name) has \(locals.map(\.description).joined(separator: ", ")), local version(s) of "
                    + "\(low.publicVersion); ==\(low.publicVersion) would match them, ==\(low) matches only that label")
            }
        }
        return hints
    }
}
