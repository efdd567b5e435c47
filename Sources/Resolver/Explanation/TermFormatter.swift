import PackagingModel

/// Prints terms and single incompatibilities as phrases of an explanation.
struct TermFormatter {
    let pythonVersion: Version
    /// The usable candidate versions of each package, sorted, to simplify ranges with.
    let available: [PackageName: [Version]]
    /// Versions skipped because their requires-python excludes the target.
    let excludedForPython: [PackageName: [Version]]

    /// `foo>=1,<2`; `every version of foo` for the full range when `allowEvery`.
    func terse(_ term: Term, allowEvery: Bool = false) -> String {
        if term.isPositive, let name = term.package.name,
           let inside = available[name]?.filter(term.versions.contains), inside.count == 1,
           simplified(term.versions, of: term.package) != .full {
            return "\(term.package)==\(inside[0])"
        }
        let versions = term.isPositive ? simplified(term.versions, of: term.package) : term.versions
        if versions.isFull { return allowEvery ? "every version of \(term.package)" : term.package.description }
        return term.package.description + versions.description
    }

    /// "you require" for the root, else "foo==1.0 depends on".
    func subject(_ term: Term, verb: String) -> String {
        term.package == .root ? "you require" : "\(terse(term, allowEvery: true)) \(verb)"
    }

    /// Widens a range to the largest one holding the same available versions, so that
    /// a range holding all of them prints as "every version". Ranges with none stay.
    func simplified(_ versions: VersionRanges, of package: ResolverPackage) -> VersionRanges {
        guard let name = package.name, let known = available[name], !known.isEmpty,
              known.contains(where: versions.contains) else { return versions }
        var result = VersionRanges.empty
        var start: VersionCut?
        var previous: Version?
        for version in known {
            if versions.contains(version) {
                if start == nil { start = previous.map { .after($0, .exact) } ?? .minimum }
            } else if let lower = start {
                result = result.union(VersionRanges(from: lower, to: .before(version)))
                start = nil
            }
            previous = version
        }
        if let lower = start { result = result.union(VersionRanges(from: lower, to: .maximum)) }
        return result
    }

    /// The sentence for "no candidate of this term exists".
    func noVersions(_ term: Term) -> String {
        let package = term.package
        let skipped = package.name.flatMap { excludedForPython[$0] }?.filter(term.versions.contains) ?? []
        if term.versions.isFull {
            return skipped.isEmpty ? "there is no version of \(package)"
                : "no version of \(package) is compatible with Python \(pythonVersion)"
        }
        let rest = term.versions.complement
        let compatible = skipped.isEmpty ? "available" : "compatible with Python \(pythonVersion)"
        if rest.intervals.count == 1, rest.intervals[0].lower == .minimum || rest.intervals[0].upper == .maximum {
            return "only \(package)\(rest) is \(compatible)"
        }
        return skipped.isEmpty ? "there is no version of \(terse(term))"
            : "no version of \(terse(term)) is compatible with Python \(pythonVersion)"
    }
}
