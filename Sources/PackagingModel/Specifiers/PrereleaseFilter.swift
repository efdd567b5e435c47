/// PEP 440's rule for offering pre-releases from a list of candidates that
/// already satisfy a specifier: with no explicit policy, pre-releases are kept
/// only when no final release is among the candidates.
enum PrereleaseFilter {
    /// - Parameter isPrerelease: nil for a candidate that is not a PEP 440 version
    ///   (only `===` admits those); such candidates are never dropped here.
    static func apply<Item>(_ candidates: [Item], policy: Bool?, isPrerelease: (Item) -> Bool?) -> [Item] {
        switch policy {
        case true?:
            return candidates
        case false?:
            return candidates.filter { isPrerelease($0) != true }
        case nil:
            let hasFinal = candidates.contains { isPrerelease($0) == false }
            return hasFinal ? candidates.filter { isPrerelease($0) != true } : candidates
        }
    }
}

extension Specifier {
    /// The versions that satisfy this specifier, in their original order. Without an
    /// explicit policy, pre-releases are returned only if no final release matches.
    public func filter(_ versions: some Sequence<Version>, prereleases: Bool? = nil) -> [Version] {
        filter(versions, prereleases: prereleases, version: { $0 })
    }

    /// Filters arbitrary items by the version each carries.
    public func filter<Item>(
        _ items: some Sequence<Item>,
        prereleases: Bool? = nil,
        version: (Item) -> Version
    ) -> [Item] {
        let matching = items.filter { matches(version($0)) }
        return PrereleaseFilter.apply(
            matching, policy: prereleases ?? defaultPrereleasePolicy, isPrerelease: { version($0).isPrerelease }
        )
    }

    /// Filters versions as an index lists them: strings that are not PEP 440
    /// versions are dropped, unless this is a `===` specifier naming them.
    public func filter(rawVersions: some Sequence<String>, prereleases: Bool? = nil) -> [String] {
        let parsed = rawVersions.map { ($0, try? Version($0)) }
        let matching: [(String, Version?)]
        if case .arbitrary(let text) = operand {
            let wanted = text.lowercased()
            matching = parsed.filter { $0.0.lowercased() == wanted }
        } else {
            matching = parsed.filter { $0.1.map(matches) ?? false }
        }
        return PrereleaseFilter.apply(
            matching, policy: prereleases ?? defaultPrereleasePolicy, isPrerelease: { $0.1?.isPrerelease }
        ).map(\.0)
    }
}
