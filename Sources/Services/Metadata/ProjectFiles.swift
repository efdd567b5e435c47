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
        let version: Version
        var files: [DistributionFile] = []
        var positions: [Int] = []
        var allPositions: [Int] = []
        var hasUnfitWheel = false
    }

    init(page: ProjectPage, tagRanks: TagRankCache) {
        let listing = page.files
        var facts = FilenameFacts(files: listing, tagRanks: tagRanks)
        // Files are grouped by their version's string id through an array indexed by that id
        // (no hashing per file); each distinct version text is parsed once, when first seen,
        // and texts naming one version (`1.0`, `1.0.0`) share one group.
        let unseen: Int32 = -1
        let unparsable: Int32 = -2
        var slotOfText = [Int32](repeating: unseen, count: listing.stringCount)
        var slotOfVersion: [Version: Int32] = [:]
        var groups: [Group] = []
        for position in listing.indices {
            let listed = listing.facts(at: position)
            guard let versionID = listed.version, let kind = facts.kind(of: listed) else { continue }
            var slot = slotOfText[versionID.value]
            if slot == unseen {
                if let version = facts.version(versionID) {
                    slot = slotOfVersion[version] ?? Int32(groups.count)
                    if slot == Int32(groups.count) {
                        groups.append(Group(version: version))
                        slotOfVersion[version] = slot
                    }
                } else {
                    slot = unparsable
                }
                slotOfText[versionID.value] = slot
            }
            guard slot >= 0 else { continue }
            let index = Int(slot)
            let unfit = if case .wheel(nil) = kind { true } else { false }
            groups[index].allPositions.append(position)
            if unfit && groups[index].hasUnfitWheel { continue }
            let requiresPython = listed.requiresPython.flatMap { facts.specifier($0) }
            let yankReason: String? = listed.yanked ? (listed.yankReason.map { listing.string($0) } ?? "") : nil
            groups[index].files.append(DistributionFile(
                filename: listing.filename(at: position), kind: kind, requiresPython: requiresPython, yankReason: yankReason))
            groups[index].positions.append(position)
            if unfit { groups[index].hasUnfitWheel = true }
        }
        // Sort positions, not groups or versions: moving an integer is cheaper than moving a
        // version (reference-counted parts) with its files.
        let order = groups.indices.sorted { groups[$0].version > groups[$1].version }
        var candidates: [CandidateVersion] = []
        var filePositions: [[Int]] = []
        var allPositions: [[Int]] = []
        var slots: [Version: Int] = [:]
        candidates.reserveCapacity(order.count)
        for index in order {
            let group = groups[index]
            slots[group.version] = candidates.count
            candidates.append(CandidateVersion(version: group.version, files: group.files))
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

    /// The newest version that has a compatible, non-yanked wheel accepting `python`, with the
    /// file the candidate policy would choose among those wheels: a guess at what the resolver
    /// will ask for first, fetched early. Never an sdist (a guess must not start a build).
    func likelyFirstPick(python: Version) -> (version: Version, filename: String)? {
        for candidate in candidates where !candidate.version.isPrerelease {
            let wheels = candidate.files.filter { file in
                guard case .wheel(_?) = file.kind, !file.isYanked else { return false }
                return file.requiresPython?.contains(python, prereleases: true) ?? true
            }
            if let best = DistributionFile.preferred(among: wheels) { return (candidate.version, best.filename) }
        }
        return nil
    }
}
