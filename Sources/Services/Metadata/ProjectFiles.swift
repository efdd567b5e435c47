import Index
import PackagingModel
import Resolver

/// One project's index files by version, read from the version table of its parsed page: the
/// versions (newest first) are known at once, and a version's files are read from the page, with
/// the facts the resolver needs, only when the resolver asks about that version.
struct ProjectFiles: Sendable {
    struct File: Sendable {
        let listing: ParsedFiles
        let record: Int
        let distribution: DistributionFile

        /// The index entry, decoded from the parsed page.
        var index: IndexFile { listing.file(record: record) }
    }

    /// One version's files as candidate selection sees them: every sdist and every wheel that
    /// fits the target, plus one wheel that fits nowhere when a version has such (enough for an
    /// explanation to say the version has wheels, none for this platform). Projects with
    /// compiled extensions list dozens of platform wheels per version; the rest are left out.
    private struct VersionFiles {
        var records: [Int] = []
        var distributions: [DistributionFile] = []
    }

    let name: PackageName
    let listing: ParsedFiles
    /// Newest first: the versions of the page's version table with a file listed.
    let versions: [Version]
    /// The version-table group of each of `versions`.
    private let groups: [Int]
    private let tagRanks: PageTagRanks

    /// Files whose names do not parse, or name another project, are left out: they cannot be
    /// installed as this project anyway.
    init(page: ProjectPage, tags: TagPriority) {
        self.init(page: page, tagRanks: TagRankCache(tags: tags))
    }

    init(page: ProjectPage, tagRanks: TagRankCache) {
        let listing = page.files
        var versions: [Version] = []
        var groups: [Int] = []
        versions.reserveCapacity(listing.versionCount)
        groups.reserveCapacity(listing.versionCount)
        for group in 0..<listing.versionCount where listing.groupMayBeListed(group) {
            // The encoder grouped only versions that parse; one that does not is left out.
            guard let text = listing.versionText(group: group), let version = try? Version(listing.string(text)) else { continue }
            versions.append(version)
            groups.append(group)
        }
        self.name = page.name
        self.listing = listing
        self.versions = versions
        self.groups = groups
        self.tagRanks = PageTagRanks(files: listing, shared: tagRanks)
    }

    /// Every version, newest first, its files built when the resolver asks for them.
    var versionListing: VersionListing {
        let files = self
        return VersionListing(newestFirst: versions, files: { files.versionFiles(slot: $0).distributions })
    }

    /// Every version with all its files built (providers that answer `versions(of:)`).
    var candidates: [CandidateVersion] {
        versions.indices.compactMap { slot in
            let files = versionFiles(slot: slot)
            // A version all of whose files are newer than `--exclude-newer` is not listed.
            return files.records.isEmpty ? nil : CandidateVersion(version: versions[slot], files: files.distributions)
        }
    }

    /// The files of `version` candidate selection looks at; nil if the page has no such version.
    func files(of version: Version) -> [File]? {
        guard let slot = slot(of: version) else { return nil }
        let files = versionFiles(slot: slot)
        return zip(files.records, files.distributions).map { File(listing: listing, record: $0, distribution: $1) }
    }

    /// Every version's files (failure hints; not on the path of a resolution).
    var byVersion: [Version: [File]] {
        Dictionary(uniqueKeysWithValues: versions.compactMap { version in files(of: version).map { (version, $0) } })
    }

    /// Every index file of `version`, including wheels left out of `candidates`.
    func allFiles(of version: Version) -> [IndexFile] {
        guard let slot = slot(of: version) else { return [] }
        return listing.records(group: groups[slot]).map { listing.file(record: $0) }
    }

    /// The newest version that has a compatible, non-yanked wheel accepting `python`, with the
    /// file the candidate policy would choose among those wheels: a guess at what the resolver
    /// will ask for first, fetched early. Never an sdist (a guess must not start a build).
    func likelyFirstPick(python: Version) -> (version: Version, filename: String)? {
        for slot in versions.indices where !versions[slot].isPrerelease {
            let wheels = versionFiles(slot: slot).distributions.filter { file in
                guard case .wheel(_?) = file.kind, !file.isYanked else { return false }
                return file.requiresPython?.contains(python, prereleases: true) ?? true
            }
            if let best = DistributionFile.preferred(among: wheels) { return (versions[slot], best.filename) }
        }
        return nil
    }

    /// The slot of `version` in `versions`: a binary search, the versions being strictly newest first.
    private func slot(of version: Version) -> Int? {
        var low = 0
        var high = versions.count
        while low < high {
            let middle = (low + high) / 2
            if versions[middle] == version { return middle }
            if versions[middle] > version { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// The files of the version at `slot`, read from the page: the files of one version usually
    /// share one `requires-python` text, parsed once here.
    private func versionFiles(slot: Int) -> VersionFiles {
        var files = VersionFiles()
        var lastSpecifier: (id: Int, value: SpecifierSet?)?
        var hasUnfitWheel = false
        for record in listing.records(group: groups[slot]) {
            let listed = listing.facts(record: record)
            guard let kind = tagRanks.kind(of: listed) else { continue }
            if case .wheel(nil) = kind {
                if hasUnfitWheel { continue }
                hasUnfitWheel = true
            }
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
            files.records.append(record)
            files.distributions.append(DistributionFile(
                filename: listing.filename(record: record), kind: kind, requiresPython: requiresPython, yankReason: yankReason))
        }
        return files
    }
}
