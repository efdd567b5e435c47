extension SpecifierSet {
    /// Whether `version` satisfies every specifier.
    ///
    /// A pre-release is rejected only when `prereleases` is `false`, or when it is
    /// nil and the set's own `prereleases` is `false`: a single candidate has no
    /// final release competing with it, so PEP 440's default admits it.
    /// `installed: true` admits an already installed pre-release regardless.
    public func contains(_ version: Version, prereleases: Bool? = nil, installed: Bool = false) -> Bool {
        if version.isPrerelease, !installed {
            if prereleases == false || (prereleases == nil && self.prereleases == false) { return false }
        }
        return specifiers.allSatisfy { $0.matches(version) }
    }

    /// Like `contains(_:prereleases:installed:)` for a version string as an index
    /// lists it. A string that is not PEP 440 satisfies only `===` naming it (and
    /// the empty set, as in packaging).
    public func contains(rawVersion: String, prereleases: Bool? = nil, installed: Bool = false) -> Bool {
        let parsed = try? Version(rawVersion)
        if let parsed, !hasArbitraryEquality {
            return contains(parsed, prereleases: prereleases, installed: installed)
        }
        let policy = installed && parsed?.isPrerelease == true ? true : prereleases
        return !filter(rawVersions: [rawVersion], prereleases: policy).isEmpty
    }

    /// The versions that satisfy the set, in their original order. Without an
    /// explicit policy, pre-releases are returned only if no final release matches
    /// (or the set names a pre-release).
    public func filter(_ versions: some Sequence<Version>, prereleases: Bool? = nil) -> [Version] {
        filter(versions, prereleases: prereleases, version: { $0 })
    }

    /// Filters arbitrary items (index entries, files) by the version each carries.
    public func filter<Item>(
        _ items: some Sequence<Item>,
        prereleases: Bool? = nil,
        version: (Item) -> Version
    ) -> [Item] {
        let matching = items.filter { item in specifiers.allSatisfy { $0.matches(version(item)) } }
        return PrereleaseFilter.apply(
            matching, policy: prereleases ?? defaultPrereleasePolicy, isPrerelease: { version($0).isPrerelease }
        )
    }

    /// Filters version strings as an index lists them. Strings that are not PEP 440
    /// versions are kept only by `===` naming them, or by an empty set.
    public func filter(rawVersions: some Sequence<String>, prereleases: Bool? = nil) -> [String] {
        let policy = prereleases ?? defaultPrereleasePolicy
        let parsed = rawVersions.map { ($0, try? Version($0)) }
        let matching: [(String, Version?)]
        if specifiers.isEmpty {
            matching = parsed
        } else if hasArbitraryEquality {
            matching = parsed.filter { raw, _ in
                specifiers.allSatisfy { $0.contains(rawVersion: raw, prereleases: true) }
            }
        } else {
            matching = parsed.filter { _, version in
                guard let version else { return false }
                return specifiers.allSatisfy { $0.matches(version) }
            }
        }
        return PrereleaseFilter.apply(matching, policy: policy, isPrerelease: { $0.1?.isPrerelease }).map(\.0)
    }
}
