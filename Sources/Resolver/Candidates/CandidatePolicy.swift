import PackagingModel

/// One usable version with the file that would be installed.
struct EvaluatedCandidate: Sendable {
    let version: Version
    let file: DistributionFile
    /// Every usable file of this version is yanked: only an `==` pin may select it.
    let isYanked: Bool
}

/// Why a listed version is not a candidate at all.
enum CandidateExclusion: Error, Sendable, Hashable {
    case requiresPython(SpecifierSet)
    case noUsableFile(String)
}

/// A package's versions sorted into candidates (in preference order) and exclusions, each
/// version's files evaluated only when the resolution looks at that version: selection walks
/// the versions in preference order and stops at the first usable one in range, so a package
/// with hundreds of versions has a handful evaluated. Memoised; owned by one resolution.
final class PackageCandidates {
    private let name: PackageName
    private let listing: VersionListing
    private let policy: CandidatePolicy
    private var evaluated: [Result<EvaluatedCandidate, CandidateExclusion>?]
    private var everything: (ordered: [EvaluatedCandidate], excluded: [(version: Version, reason: CandidateExclusion)])?

    init(name: PackageName, listing: VersionListing, policy: CandidatePolicy) {
        self.name = name
        self.listing = listing
        self.policy = policy
        self.evaluated = Array(repeating: nil, count: listing.versions.count)
    }

    /// Every usable version in preference order (evaluates every version: failure reports only).
    var ordered: [EvaluatedCandidate] { evaluateAll().ordered }
    /// Every listed version that is not a candidate, newest first.
    var excluded: [(version: Version, reason: CandidateExclusion)] { evaluateAll().excluded }

    func candidate(_ version: Version) -> EvaluatedCandidate? {
        guard let index = listing.index(of: version) else { return nil }
        return try? evaluation(at: index).get()
    }

    /// The usable candidates within `range`, in preference order, evaluated as the walk reaches
    /// them; `body` returns false to stop.
    func forEachCandidate(in range: VersionRanges, _ body: (EvaluatedCandidate) -> Bool) {
        if policy.options.preferBinary {
            // Wheels of every version come before any sdist: the whole list decides the order.
            for candidate in ordered where range.contains(candidate.version) {
                if !body(candidate) { return }
            }
            return
        }
        let indices = listing.versions.indices
        let walk: [Int] = policy.options.strategy == .highest ? Array(indices) : indices.reversed()
        for index in walk where range.contains(listing.versions[index]) {
            guard case .success(let candidate) = evaluation(at: index) else { continue }
            if !body(candidate) { return }
        }
    }

    /// The newest usable version below `version` and the oldest above it.
    func neighbours(of version: Version) -> (below: Version?, above: Version?) {
        let firstAtOrBelow = listing.firstIndex(atOrBelow: version)
        var below: Version?
        var index = firstAtOrBelow
        while index < listing.versions.count {
            if listing.versions[index] < version, case .success = evaluation(at: index) {
                below = listing.versions[index]
                break
            }
            index += 1
        }
        var above: Version?
        index = firstAtOrBelow - 1
        while index >= 0 {
            if case .success = evaluation(at: index) {
                above = listing.versions[index]
                break
            }
            index -= 1
        }
        return (below, above)
    }

    private func evaluation(at index: Int) -> Result<EvaluatedCandidate, CandidateExclusion> {
        if let known = evaluated[index] { return known }
        let result = policy.evaluate(name, version: listing.versions[index], files: listing.files(at: index))
        evaluated[index] = result
        return result
    }

    private func evaluateAll() -> (ordered: [EvaluatedCandidate], excluded: [(version: Version, reason: CandidateExclusion)]) {
        if let everything { return everything }
        var usable: [EvaluatedCandidate] = []
        var excluded: [(Version, CandidateExclusion)] = []
        for index in listing.versions.indices {
            switch evaluation(at: index) {
            case .success(let candidate): usable.append(candidate)
            case .failure(let exclusion): excluded.append((listing.versions[index], exclusion))
            }
        }
        if policy.options.strategy != .highest { usable.reverse() }
        if policy.options.preferBinary {
            usable = usable.filter(\.file.isWheel) + usable.filter { !$0.file.isWheel }
        }
        let result = (usable, excluded)
        everything = result
        return result
    }
}

/// Turns the provider's facts into candidates, applying the file policies.
struct CandidatePolicy: Sendable {
    let options: ResolverOptions
    let pythonVersion: Version

    func candidates(_ name: PackageName, _ listing: VersionListing) -> PackageCandidates {
        PackageCandidates(name: name, listing: listing, policy: self)
    }

    /// One version with its files: the candidate, or why the version is not one.
    func evaluate(_ name: PackageName, version: Version, files: [DistributionFile]) -> Result<EvaluatedCandidate, CandidateExclusion> {
        evaluate(name, CandidateVersion(version: version, files: files)).mapError(\.reason)
    }

    private struct Excluded: Error { let reason: CandidateExclusion }

    private func evaluate(_ name: PackageName, _ listed: CandidateVersion) -> Result<EvaluatedCandidate, Excluded> {
        let allowed = listed.files.filter { file in
            switch file.kind {
            case .wheel(let priority): priority != nil && !options.noBinary.contains(name)
            case .sourceDistribution: !options.onlyBinary.contains(name)
            }
        }
        guard !allowed.isEmpty else {
            return .failure(Excluded(reason: .noUsableFile(explainNoFile(name, listed.files))))
        }
        // The whole specifier counts, upper bounds included (`>=3.7,<3.10` excludes 3.12).
        let forPython = allowed.filter { $0.requiresPython?.contains(pythonVersion, prereleases: true) ?? true }
        guard !forPython.isEmpty else {
            return .failure(Excluded(reason: .requiresPython(allowed.compactMap(\.requiresPython).first ?? SpecifierSet())))
        }
        let current = forPython.filter { !$0.isYanked }
        if let best = Self.best(current) {
            return .success(EvaluatedCandidate(version: listed.version, file: best, isYanked: false))
        }
        guard let best = Self.best(forPython) else {
            return .failure(Excluded(reason: .noUsableFile("no usable file")))
        }
        return .success(EvaluatedCandidate(version: listed.version, file: best, isYanked: true))
    }

    private static func best(_ files: [DistributionFile]) -> DistributionFile? {
        DistributionFile.preferred(among: files)
    }

    private func explainNoFile(_ name: PackageName, _ files: [DistributionFile]) -> String {
        let hasSdist = files.contains { !$0.isWheel }
        let hasCompatibleWheel = files.contains { if case .wheel(_?) = $0.kind { true } else { false } }
        if files.isEmpty { return "it has no files" }
        if hasSdist && options.onlyBinary.contains(name) && !hasCompatibleWheel {
            return "it has no wheel for this Python and platform, and --only-binary excludes its source distribution"
        }
        if hasCompatibleWheel && options.noBinary.contains(name) {
            return "--no-binary excludes its wheels and it has no source distribution"
        }
        return "it has no wheel for this Python and platform and no source distribution"
    }
}

extension DistributionFile {
    /// The one file policy: among the allowed files of one version, the wheel whose best tag
    /// ranks highest for the target; an sdist only when no wheel fits, `.tar.gz` (PEP 625)
    /// before other formats. The resolver pins this file, its metadata is read from it, and the
    /// installer downloads it; providers that guess ahead use the same rule.
    public static func preferred(among files: [DistributionFile]) -> DistributionFile? {
        var bestWheel: (file: DistributionFile, priority: Int)?
        for file in files {
            if case .wheel(let priority?) = file.kind, priority < bestWheel?.priority ?? Int.max {
                bestWheel = (file, priority)
            }
        }
        if let wheel = bestWheel?.file { return wheel }
        let sdists = files.filter { !$0.isWheel }
        return sdists.first { $0.filename.hasSuffix(".tar.gz") } ?? sdists.first
    }
}
