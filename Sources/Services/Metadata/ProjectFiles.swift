import Index
import PackagingModel
import Resolver

/// One project's index files grouped by version, each with the facts the resolver needs and
/// the position of the index entry it came from (decoded from the parsed page only when asked).
struct ProjectFiles: Sendable {
    struct File: Sendable {
        let listing: ParsedFiles
        let position: Int
        let distribution: DistributionFile

        /// The index entry, decoded from the parsed page.
        var index: IndexFile { listing[position] }
    }

    let name: PackageName
    let byVersion: [Version: [File]]
    /// Every version with its files, newest first: what `versions(of:)` answers, built once.
    let candidates: [CandidateVersion]

    /// Files whose names do not parse, or name another project, are left out: they cannot be
    /// installed as this project anyway.
    init(page: ProjectPage, tags: TagPriority) {
        let listing = page.files
        var facts = FilenameFacts(files: listing, tags: tags)
        // Grouped by the version's text first (an integer key), then merged by `Version` (texts
        // like `1.0` and `1.0.0` name one version): hashing a `Version` per version, not per file.
        var byText: [PageStringID: [File]] = [:]
        for position in listing.indices {
            let listed = listing.facts(at: position)
            guard let (versionID, kind) = facts.facts(of: listed) else { continue }
            let requiresPython = listed.requiresPython.flatMap { facts.specifier($0) }
            let yankReason: String? = listed.yanked ? (listed.yankReason.map { listing.string($0) } ?? "") : nil
            let distribution = DistributionFile(
                filename: listing.filename(at: position), kind: kind, requiresPython: requiresPython, yankReason: yankReason)
            byText[versionID, default: []].append(File(listing: listing, position: position, distribution: distribution))
        }
        var grouped: [Version: [File]] = [:]
        for (text, files) in byText {
            guard let version = facts.version(text) else { continue }
            grouped[version, default: []] += files
        }
        self.name = page.name
        self.byVersion = grouped
        self.candidates = grouped.map { CandidateVersion(version: $0.key, files: $0.value.map(\.distribution)) }
            .sorted { $0.version > $1.version }
    }

    /// The file whose metadata stands for `version`: the best compatible wheel (not yanked if
    /// possible) unless `--no-binary`, else an sdist unless `--only-binary` — the file the
    /// resolver's candidate policy would install.
    func chosenFile(for version: Version, noBinary: Bool, onlyBinary: Bool) -> File? {
        guard let files = byVersion[version] else { return nil }
        let ranked = files.compactMap { file -> (File, Int)? in
            guard !noBinary, case .wheel(let priority?) = file.distribution.kind else { return nil }
            return (file, priority + (file.distribution.isYanked ? 1 << 20 : 0))
        }
        if let best = ranked.min(by: { $0.1 < $1.1 }) { return best.0 }
        guard !onlyBinary else { return nil }
        return files.filter { !$0.distribution.isWheel }.min { lhs, rhs in
            // .tar.gz before .zip and others: the common, PEP 625 form.
            (lhs.distribution.filename.hasSuffix(".tar.gz") ? 0 : 1) < (rhs.distribution.filename.hasSuffix(".tar.gz") ? 0 : 1)
        }
    }

    /// The newest version that has a compatible, non-yanked wheel accepting `python`: a guess at
    /// what the resolver will ask for first, fetched early.
    func likelyFirstPick(python: Version) -> Version? {
        candidates.first { candidate in
            guard !candidate.version.isPrerelease else { return false }
            return candidate.files.contains { file in
                guard case .wheel(_?) = file.kind, !file.isYanked else { return false }
                return file.requiresPython?.contains(python, prereleases: true) ?? true
            }
        }?.version
    }
}
