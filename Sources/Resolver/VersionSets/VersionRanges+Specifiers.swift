import PackagingModel

extension VersionRanges {
    /// The versions a specifier set admits, ignoring the pre-release policy (that is
    /// the candidate selection's job, see `CandidatePolicy`).
    ///
    /// Every PEP 440 operator is an exact set of intervals here, local-version and
    /// exclusive-bound rules included. The one exception is `===`: string identity is
    /// not an order relation, so it becomes the interval of the version it names and
    /// candidate selection re-checks the candidate with `Specifier.matches` (the
    /// resolver keeps those specifiers aside). Text that is not a version admits nothing.
    public init(_ specifiers: SpecifierSet) {
        self = specifiers.reduce(VersionRanges.full) { $0.intersection(VersionRanges($1)) }
    }

    public init(_ specifier: Specifier) {
        guard let version = specifier.version else {
            self = specifier.arbitraryText.flatMap { try? Version($0) }.map(VersionRanges.exactly) ?? .empty
            return
        }
        if specifier.isPrefixMatch {
            let prefix = Self.prefixRange(version.epoch, version.release)
            self = specifier.operator == .notEqual ? prefix.complement : prefix
            return
        }
        switch specifier.operator {
        case .equal:
            self = Self.equalRange(version)
        case .notEqual:
            self = Self.equalRange(version).complement
        case .greaterThanOrEqual:
            self = VersionRanges(from: .before(version), to: .maximum)
        case .lessThanOrEqual:
            // A candidate's local label is ignored: `<=2.0` admits `2.0+cu118`.
            self = VersionRanges(from: .minimum, to: .after(version.publicVersion, .publicVersion))
        case .lessThan:
            // `<2.0` must not admit 2.0's pre-releases unless 2.0 is one: the bound is 2.0.dev0.
            let bound = version.isPrerelease ? version : Self.devZero(of: version)
            self = VersionRanges(from: .minimum, to: .before(bound))
        case .greaterThan:
            // `>1.0` admits neither 1.0's local versions nor its post-releases, unless it
            // names a post or dev release itself: then only the local versions are out.
            let cut: VersionCut = version.dev != nil || version.post != nil
                ? .after(version.publicVersion, .publicVersion) : .after(version, .family)
            self = VersionRanges(from: cut, to: .maximum)
        case .compatible:
            // `~=1.4.2` is `>=1.4.2, ==1.4.*`.
            let prefix = Self.prefixRange(version.epoch, Array(version.release.dropLast()))
            self = VersionRanges(from: .before(version), to: .maximum).intersection(prefix)
        case .arbitraryEqual:
            self = .exactly(version)
        }
    }

    /// `==V` without a local label admits V's local versions (`==2.3.0` matches
    /// `2.3.0+cu118`); with a label, only that version.
    private static func equalRange(_ version: Version) -> VersionRanges {
        let reach: VersionCut.Reach = version.local == nil ? .publicVersion : .exact
        return VersionRanges(from: .before(version), to: .after(version, reach))
    }

    /// `==1.2.*`: every version whose zero-padded release starts with 1.2, which in
    /// PEP 440 order is everything from 1.2.dev0 up to (not including) 1.3.dev0.
    static func prefixRange(_ epoch: Int, _ release: [Int]) -> VersionRanges {
        guard let last = release.last,
              let low = try? Version(epoch: epoch, release: release, dev: 0),
              let high = try? Version(epoch: epoch, release: Array(release.dropLast()) + [last + 1], dev: 0)
        else { return .empty }
        return VersionRanges(from: .before(low), to: .before(high))
    }

    private static func devZero(of version: Version) -> Version {
        (try? Version(epoch: version.epoch, release: version.release, pre: version.pre, post: version.post, dev: 0))
            ?? version
    }
}
