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
    let listing: ParsedFiles
    /// Every version with its files, newest first: what `versions(of:)` answers, built once.
    /// The files are the ones candidate selection looks at: every sdist and every wheel that
    /// fits the target, plus one wheel that fits nowhere when a version has such (enough for an
    /// explanation to say the version has wheels, none for this platform). Projects with
    /// compiled extensions list dozens of platform wheels per version; leaving the rest out
    /// spares building a `DistributionFile` for each of them on every run.
    let candidates: [CandidateVersion]
    /// For each candidate, the page position of each of its files (same order).
    private let filePositions: [[Int]]
    /// For each candidate, every file of the version, left-out wheels included (`--generate-hashes`).
    private let allPositions: [[Int]]
    private let slots: [Version: Int]

    /// Files whose names do not parse, or name another project, are left out: they cannot be
    /// installed as this project anyway.
    init(page: ProjectPage, tags: TagPriority) {
        self.init(page: page, tagRanks: TagRankCache(tags: tags))
    }

    private struct Group {
        var files: [DistributionFile] = []
        var positions: [Int] = []
        var allPositions: [Int] = []
        var hasUnfitWheel = false
    }

    init(page: ProjectPage, tagRanks: TagRankCache) {
        let listing = page.files
        var facts = FilenameFacts(files: listing, tagRanks: tagRanks)
        // Grouped by the version's text first (an integer key), then merged by `Version` (texts
        // like `1.0` and `1.0.0` name one version): hashing a `Version` per version, not per file.
        var byText: [PageStringID: Group] = [:]
        for position in listing.indices {
            let listed = listing.facts(at: position)
            guard let (versionID, kind) = facts.facts(of: listed) else { continue }
            let unfit = if case .wheel(nil) = kind { true } else { false }
            let skip = unfit && byText[versionID]?.hasUnfitWheel == true
            byText[versionID, default: Group()].allPositions.append(position)
            if skip { continue }
            let requiresPython = listed.requiresPython.flatMap { facts.specifier($0) }
            let yankReason: String? = listed.yanked ? (listed.yankReason.map { listing.string($0) } ?? "") : nil
            let distribution = DistributionFile(
                filename: listing.filename(at: position), kind: kind, requiresPython: requiresPython, yankReason: yankReason)
            byText[versionID]?.files.append(distribution)
            byText[versionID]?.positions.append(position)
            if unfit { byText[versionID]?.hasUnfitWheel = true }
        }
        var groups: [Version: Group] = [:]
        for (text, group) in byText {
            guard let version = facts.version(text) else { continue }
            if var known = groups[version] {
                known.files += group.files
                known.positions += group.positions
                known.allPositions += group.allPositions
                groups[version] = known
            } else {
                groups[version] = group
            }
        }
        // Sort positions, not candidates or versions: moving an integer is cheaper than moving
        // a version (reference-counted parts) with its files.
        let unsorted = Array(groups.keys)
        let versions = unsorted.indices.sorted { unsorted[$0] > unsorted[$1] }.map { unsorted[$0] }
        var candidates: [CandidateVersion] = []
        var filePositions: [[Int]] = []
        var allPositions: [[Int]] = []
        var slots: [Version: Int] = [:]
        candidates.reserveCapacity(versions.count)
        for version in versions {
            guard let group = groups[version] else { continue }
            slots[version] = candidates.count
            candidates.append(CandidateVersion(version: version, files: group.files))
            filePositions.append(group.positions)
            allPositions.append(group.allPositions)
        }
        self.name = page.name
        self.listing = listing
        self.candidates = candidates
        self.filePositions = filePositions
        self.allPositions = allPositions
        self.slots = slots
    }

    /// The files of `version` candidate selection looks at; nil if the page has no such version.
    func files(of version: Version) -> [File]? {
        guard let slot = slots[version] else { return nil }
        return zip(candidates[slot].files, filePositions[slot]).map { File(listing: listing, position: $1, distribution: $0) }
    }

    /// Every version's files (failure hints; not on the path of a resolution).
    var byVersion: [Version: [File]] {
        Dictionary(uniqueKeysWithValues: slots.keys.compactMap { version in files(of: version).map { (version, $0) } })
    }

    /// Every index file of `version`, including wheels left out of `candidates`.
    func allFiles(of version: Version) -> [IndexFile] {
        guard let slot = slots[version] else { return [] }
        return allPositions[slot].sorted().map { listing[$0] }
    }

    /// The file whose metadata stands for `version`: the best compatible wheel (not yanked if
    /// possible) unless `--no-binary`, else an sdist unless `--only-binary` — the file the
    /// resolver's candidate policy would install.
    func chosenFile(for version: Version, noBinary: Bool, onlyBinary: Bool) -> File? {
        guard let files = files(of: version) else { return nil }
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
