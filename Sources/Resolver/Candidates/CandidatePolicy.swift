import PackagingModel

/// One usable version with the file that would be installed.
struct EvaluatedCandidate: Sendable {
    let version: Version
    let file: DistributionFile
    /// Every usable file of this version is yanked: only an `==` pin may select it.
    let isYanked: Bool
}

/// Why a listed version is not a candidate at all.
enum CandidateExclusion: Sendable, Hashable {
    case requiresPython(SpecifierSet)
    case noUsableFile(String)
}

/// A package's versions sorted into candidates (in preference order) and exclusions.
struct PackageCandidates: Sendable {
    let ordered: [EvaluatedCandidate]
    let excluded: [(version: Version, reason: CandidateExclusion)]

    func candidate(_ version: Version) -> EvaluatedCandidate? {
        ordered.first { $0.version == version }
    }
}

/// Turns the provider's facts into candidates, applying the file policies.
struct CandidatePolicy: Sendable {
    let options: ResolverOptions
    let pythonVersion: Version

    func evaluate(_ name: PackageName, _ versions: [CandidateVersion]) -> PackageCandidates {
        var usable: [EvaluatedCandidate] = []
        var excluded: [(Version, CandidateExclusion)] = []
        for listed in versions {
            switch evaluate(name, listed) {
            case .success(let candidate): usable.append(candidate)
            case .failure(let exclusion): excluded.append((listed.version, exclusion.reason))
            }
        }
        usable.sort { options.strategy == .highest ? $0.version > $1.version : $0.version < $1.version }
        if options.preferBinary {
            usable = usable.filter(\.file.isWheel) + usable.filter { !$0.file.isWheel }
        }
        return PackageCandidates(ordered: usable, excluded: excluded)
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
