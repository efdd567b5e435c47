import PackagingModel

/// One resolution run: decision making over the provider, around `PubGrubCore`.
///
/// All state lives in this value, owned by the `resolve` call that created it.
struct ResolutionSession {
    let provider: any MetadataProvider
    let environment: TargetEnvironment
    let options: ResolverOptions
    let delegate: (any ResolverDelegate)?
    let policy: CandidatePolicy
    let rootVersion: Version
    let constraints: [PackageName: VersionRanges]

    var core = PubGrubCore()
    var candidates: [PackageName: PackageCandidates] = [:]
    var metadata: [PackageName: [Version: MetadataResult]] = [:]
    var facts: [PackageName: RequirementFacts] = [:]
    var urls: [PackageName: String] = [:]
    var discovery: [ResolverPackage: Int] = [:]
    var buildFailures: [PackageName: [(version: Version, reason: UnusableReason)]] = [:]
    /// Versions whose metadata could not be obtained, in the order they were met.
    var passedOver: [(name: PackageName, version: Version, reason: UnusableReason)] = []

    mutating func run(_ requirements: [DependencySpec]) async throws(ResolutionError) -> Resolution {
        core.add(Incompatibility([.negative(.root, .full)], cause: .root))
        try propagate(from: .root)
        while let next = try await decideNext(requirements) {
            try propagate(from: next)
        }
        let resolution = makeResolution()
        for warning in resolution.warnings { delegate?.resolver(didWarn: warning) }
        return resolution
    }

    private mutating func propagate(from package: ResolverPackage) throws(ResolutionError) {
        do {
            try core.propagate(from: package)
        } catch {
            throw FailureReport(session: self).error(for: error.incompatibility)
        }
    }

    /// Picks the next package, chooses a version and adds its dependencies; returns the
    /// package to propagate from, or nil when every required package is decided.
    private mutating func decideNext(_ requirements: [DependencySpec]) async throws(ResolutionError) -> ResolverPackage? {
        let undecided = core.solution.undecided
        guard !undecided.isEmpty else { return nil }
        await sendPrefetchHints(for: undecided)
        let (package, range) = pickPackage(undecided)
        guard let name = package.name else {
            let conflict = try addDependencies(of: .root, at: rootVersion, requirements)
            if !conflict { core.decide(.root, at: rootVersion) }
            return .root
        }
        let list = try await loadCandidates(name)
        guard let candidate = select(from: list, name: name, in: range) else {
            core.add(Incompatibility([.positive(package, range)], cause: .noVersions))
            return package
        }
        let version = candidate.version
        var conflict = false
        if case .extra = package {
            // An extra is its base package at the same version, plus what the extra adds.
            let base = Incompatibility(
                [.positive(package, equivalentRange(name, around: version)), .negative(.base(name), .exactly(version))],
                cause: .dependency
            )
            core.add(base)
            conflict = core.solution.satisfies(base.terms[1])
        }
        switch await loadDependencies(package, name: name, candidate: candidate) {
        case .dependencies(let specs):
            conflict = try addDependencies(of: package, at: version, specs) || conflict
        case .unavailable(let reason):
            if case .base = package {
                let versions = equivalentRange(name, around: version)
                core.add(Incompatibility([.positive(package, versions)], cause: .unavailable(reason)))
                return package
            }
        }
        if !conflict { core.decide(package, at: version) }
        return package
    }

    /// URL pins and `==` pins first (they cannot branch), then the order packages were met in.
    private func pickPackage(_ undecided: [(package: ResolverPackage, versions: VersionRanges)])
        -> (ResolverPackage, VersionRanges) {
        func rank(_ entry: (package: ResolverPackage, versions: VersionRanges)) -> (Int, Int) {
            guard let name = entry.package.name else { return (-1, 0) }
            let isPinned = urls[name] != nil || (entry.versions.intervals.count == 1
                && entry.versions.intervals[0].pointOrPrefix?.hasSuffix("*") == false)
            return (isPinned ? 0 : 1, discovery[entry.package] ?? Int.max)
        }
        let best = undecided.min { rank($0) < rank($1) } ?? undecided[0]
        return (best.package, best.versions)
    }

    /// The preferred candidate in `range`: yanked versions only when pinned with `==`,
    /// pre-releases only when named or when no final release is left.
    func select(from list: PackageCandidates, name: PackageName, in range: VersionRanges) -> EvaluatedCandidate? {
        let known = facts[name] ?? RequirementFacts()
        let anyPrerelease = options.prereleases == .allow || known.namesPrerelease
        var prereleaseFallback: EvaluatedCandidate?
        var chosen: EvaluatedCandidate?
        list.forEachCandidate(in: range) { candidate in
            let version = candidate.version
            if candidate.isYanked, !known.pinned.contains(version), !known.pinned.contains(version.publicVersion) {
                return true
            }
            if !known.arbitraryEqualities.allSatisfy({ $0.matches(version) }) { return true }
            if version.isPrerelease, !anyPrerelease {
                if options.prereleases == .ifNecessaryOrExplicit, prereleaseFallback == nil {
                    prereleaseFallback = candidate
                }
                return true
            }
            chosen = candidate
            return false
        }
        return chosen ?? prereleaseFallback
    }

    private mutating func loadCandidates(_ name: PackageName) async throws(ResolutionError) -> PackageCandidates {
        if let known = candidates[name] { return known }
        let listing: VersionListing
        do {
            if let url = urls[name] {
                listing = VersionListing([try await provider.candidate(for: name, url: url)])
            } else {
                listing = try await provider.listing(of: name)
            }
        } catch {
            throw .provider(error)
        }
        let evaluated = policy.candidates(name, listing)
        candidates[name] = evaluated
        return evaluated
    }

    private mutating func sendPrefetchHints(for undecided: [(package: ResolverPackage, versions: VersionRanges)]) async {
        var hints: [PrefetchHint] = []
        var seen = Set<PackageName>()
        for (package, range) in undecided {
            guard let name = package.name, seen.insert(name).inserted else { continue }
            guard let list = candidates[name] else {
                hints.append(.versions(name))
                continue
            }
            if let best = select(from: list, name: name, in: range), metadata[name]?[best.version] == nil {
                hints.append(.dependencies(name, best.version, best.file))
            }
        }
        if !hints.isEmpty { await provider.prefetch(hints) }
    }
}
