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

    /// One version's files as page positions: what the grouping pass over every file keeps.
    /// The `DistributionFile`s (file name, `requires-python`, yank reason) are built from these
    /// only for the versions the resolver looks at, so a page of thousands of files costs one
    /// pass over fixed-size records, not thousands of strings and specifier sets.
    private struct Group: Sendable {
        let version: Version
        /// The files candidate selection looks at, with their kinds (same order): every sdist
        /// and every wheel that fits the target, plus one wheel that fits nowhere when a version
        /// has such (enough for an explanation to say the version has wheels, none for this
        /// platform). Projects with compiled extensions list dozens of platform wheels per
        /// version; the rest are left out.
        var positions: [Int32] = []
        var kinds: [DistributionFile.Kind] = []
        /// Every file of the version, left-out wheels included (`--generate-hashes`).
        var allPositions: [Int32] = []
        var hasUnfitWheel = false
    }

    let name: PackageName
    let listing: ParsedFiles
    /// Newest first.
    private let groups: [Group]
    private let slots: [Version: Int]

    /// Files whose names do not parse, or name another project, are left out: they cannot be
    /// installed as this project anyway.
    init(page: ProjectPage, tags: TagPriority) {
        self.init(page: page, tagRanks: TagRankCache(tags: tags))
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
            groups[index].allPositions.append(Int32(position))
            if unfit && groups[index].hasUnfitWheel { continue }
            groups[index].positions.append(Int32(position))
            groups[index].kinds.append(kind)
            if unfit { groups[index].hasUnfitWheel = true }
        }
        let order = Self.newestFirst(groups)
        var sorted: [Group] = []
        var slots: [Version: Int] = [:]
        sorted.reserveCapacity(order.count)
        slots.reserveCapacity(order.count)
        for index in order {
            slots[groups[index].version] = sorted.count
            sorted.append(groups[index])
        }
        self.name = page.name
        self.listing = listing
        self.groups = sorted
        self.slots = slots
    }

    /// The positions of `groups`, newest version first. Pages often list a project's files
    /// oldest release first, so a linear check spares those the sort. Comparisons read the
    /// versions through a buffer of versions alone: reading `groups[i].version` copies the
    /// group (retaining and releasing its arrays) on every comparison.
    private static func newestFirst(_ groups: [Group]) -> [Int] {
        groups.map(\.version).withUnsafeBufferPointer { versions in
            let pairs = zip(versions.indices, versions.indices.dropFirst())
            if pairs.allSatisfy({ versions[$0] < versions[$1] }) { return Array(versions.indices.reversed()) }
            if pairs.allSatisfy({ versions[$0] > versions[$1] }) { return Array(versions.indices) }
            return versions.indices.sorted { versions[$0] > versions[$1] }
        }
    }

    /// Every version, newest first, its files built when the resolver asks for them.
    var versionListing: VersionListing {
        let files = self
        return VersionListing(versions: groups.map(\.version), files: { files.distributions(slot: $0) })
    }

    /// Every version with all its files built (providers that answer `versions(of:)`).
    var candidates: [CandidateVersion] {
        groups.indices.map { CandidateVersion(version: groups[$0].version, files: distributions(slot: $0)) }
    }

    /// The files of `version` candidate selection looks at; nil if the page has no such version.
    func files(of version: Version) -> [File]? {
        guard let slot = slots[version] else { return nil }
        return zip(distributions(slot: slot), groups[slot].positions).map {
            File(listing: listing, position: Int($1), distribution: $0)
        }
    }

    /// Every version's files (failure hints; not on the path of a resolution).
    var byVersion: [Version: [File]] {
        Dictionary(uniqueKeysWithValues: slots.keys.compactMap { version in files(of: version).map { (version, $0) } })
    }

    /// Every index file of `version`, including wheels left out of `candidates`.
    func allFiles(of version: Version) -> [IndexFile] {
        guard let slot = slots[version] else { return [] }
        return groups[slot].allPositions.sorted().map { listing[Int($0)] }
    }

    /// The newest version that has a compatible, non-yanked wheel accepting `python`, with the
    /// file the candidate policy would choose among those wheels: a guess at what the resolver
    /// will ask for first, fetched early. Never an sdist (a guess must not start a build).
    func likelyFirstPick(python: Version) -> (version: Version, filename: String)? {
        for slot in groups.indices where !groups[slot].version.isPrerelease {
            let wheels = distributions(slot: slot).filter { file in
                guard case .wheel(_?) = file.kind, !file.isYanked else { return false }
                return file.requiresPython?.contains(python, prereleases: true) ?? true
            }
            if let best = DistributionFile.preferred(among: wheels) { return (groups[slot].version, best.filename) }
        }
        return nil
    }

    /// The files of the version at `slot`, built from the page: the files of one version
    /// usually share one `requires-python` text, parsed once here.
    private func distributions(slot: Int) -> [DistributionFile] {
        let group = groups[slot]
        var lastSpecifier: (id: Int, value: SpecifierSet?)?
        var files: [DistributionFile] = []
        files.reserveCapacity(group.positions.count)
        for (position, kind) in zip(group.positions, group.kinds) {
            let listed = listing.facts(at: Int(position))
            var requiresPython: SpecifierSet?
            if let id = listed.requiresPython {
                if let last = lastSpecifier, last.id == id.value {
                    requiresPython = last.value
                } else {
                    requiresPython = try? SpecifierSet(listing.string(id))
                    lastSpecifier = (id.value, requiresPython)
                }
            }
            let yankReason: String? = listed.yanked ? (listed.yankReason.map { listing.string($0) } ?? "") : nil
            files.append(DistributionFile(
                filename: listing.filename(at: Int(position)), kind: kind, requiresPython: requiresPython, yankReason: yankReason))
        }
        return files
    }
}
