extension Specifier {
    /// Whether `version` satisfies this specifier, applying the pre-release policy:
    /// `prereleases` if given, else this specifier's own `prereleases`, else
    /// pre-releases are accepted when the specifier names one and, since a single
    /// candidate has no final release competing with it, otherwise too (PEP 440).
    /// Only an explicit `false` rejects a pre-release here; `filter` is where the
    /// "finals first" default matters.
    public func contains(_ version: Version, prereleases: Bool? = nil) -> Bool {
        if version.isPrerelease, (prereleases ?? defaultPrereleasePolicy) == false { return false }
        return matches(version)
    }

    /// Like `contains(_:prereleases:)` for a version as listed by an index, which
    /// may not be PEP 440 at all: only `===` can match such a string.
    public func contains(rawVersion: String, prereleases: Bool? = nil) -> Bool {
        let parsed = try? Version(rawVersion)
        if case .arbitrary(let text) = operand {
            guard rawVersion.lowercased() == text.lowercased() else { return false }
            guard let parsed else { return true }
            return !(parsed.isPrerelease && (prereleases ?? defaultPrereleasePolicy) == false)
        }
        guard let parsed else { return false }
        return contains(parsed, prereleases: prereleases)
    }

    /// The PEP 440 comparison alone, without any pre-release policy.
    public func matches(_ candidate: Version) -> Bool {
        switch (self.operator, operand) {
        case (_, .arbitrary(let text)):
            return candidate.description.lowercased() == text.lowercased()
        case (.equal, .prefix(let prefix)):
            return Self.hasPrefix(candidate, prefix)
        case (.notEqual, .prefix(let prefix)):
            return !Self.hasPrefix(candidate, prefix)
        case (_, .prefix):
            return false
        case (let op, .version(let spec)):
            return Self.compare(candidate, op, spec)
        }
    }

    private static func compare(_ candidate: Version, _ op: Operator, _ spec: Version) -> Bool {
        switch op {
        case .equal:
            return matchesEquality(candidate, spec)
        case .notEqual:
            return !matchesEquality(candidate, spec)
        case .greaterThanOrEqual:
            return candidate >= spec
        case .lessThanOrEqual:
            // A candidate's local label is ignored: `<=2.0` admits `2.0+cu118`.
            return candidate.publicVersion <= spec
        case .lessThan:
            // `<V` must not admit pre-releases of V unless V is one: the bound is V.dev0.
            let bound = spec.isPrerelease ? spec
                : Version(unchecked: spec.epoch, release: spec.release, pre: spec.pre, post: spec.post, dev: 0, local: nil)
            return candidate < bound
        case .greaterThan:
            return isStrictlyGreater(candidate, than: spec)
        case .compatible:
            // `~=1.4.2` means `>=1.4.2, ==1.4.*`.
            let prefix = spec.withRelease(Array(spec.release.dropLast()))
            return candidate >= spec && hasPrefix(candidate, prefix)
        case .arbitraryEqual:
            return candidate.description.lowercased() == spec.description.lowercased()
        }
    }

    /// PEP 440: a specifier without a local label ignores the candidate's label
    /// (`==2.3.0` matches `2.3.0+cu118`); one with a label must match it exactly.
    private static func matchesEquality(_ candidate: Version, _ spec: Version) -> Bool {
        spec.local == nil ? candidate.publicVersion == spec : candidate == spec
    }

    /// `>V` must not admit V's local versions nor, unless V is itself a post-release
    /// or a dev-release, V's post-releases (`>1.0` rejects `1.0.post1`).
    private static func isStrictlyGreater(_ candidate: Version, than spec: Version) -> Bool {
        if spec.dev != nil || spec.post != nil {
            return candidate.publicVersion > spec
        }
        guard candidate > spec else { return false }
        let sameFamily = candidate.epoch == spec.epoch && candidate.pre == spec.pre
            && haveEqualReleases(candidate, spec)
        return !sameFamily
    }

    private static func haveEqualReleases(_ lhs: Version, _ rhs: Version) -> Bool {
        for index in 0..<max(lhs.release.count, rhs.release.count) {
            let left = index < lhs.release.count ? lhs.release[index] : 0
            let right = index < rhs.release.count ? rhs.release[index] : 0
            if left != right { return false }
        }
        return true
    }

    /// Whether the candidate's epoch equals the prefix's and its release, padded
    /// with zeros, starts with the prefix's release (`2` is in `==2.0.0.*`).
    static func hasPrefix(_ candidate: Version, _ prefix: Version) -> Bool {
        guard candidate.epoch == prefix.epoch else { return false }
        for (index, number) in prefix.release.enumerated() {
            let candidateNumber = index < candidate.release.count ? candidate.release[index] : 0
            if candidateNumber != number { return false }
        }
        return true
    }
}
