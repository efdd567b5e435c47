import Index
import PackagingModel
import Resolver

/// One project's index files grouped by version, each with the facts the resolver needs and
/// the index entry the file came from.
struct ProjectFiles: Sendable {
    struct File: Sendable {
        let index: IndexFile
        let distribution: DistributionFile
    }

    let name: PackageName
    let byVersion: [Version: [File]]

    /// Files whose names do not parse, or name another project, are left out: they cannot be
    /// installed as this project anyway.
    init(page: ProjectPage, tags: TagPriority) {
        var grouped: [Version: [File]] = [:]
        var parsing = FilenameFacts(project: page.name, tags: tags)
        for file in page.files {
            guard let facts = parsing.facts(of: file.filename) else { continue }
            let requiresPython = file.requiresPython.flatMap { parsing.specifier($0) }
            let yankReason: String? = if case .yanked(let reason) = file.yanked { reason ?? "" } else { nil }
            let distribution = DistributionFile(filename: file.filename, kind: facts.kind, requiresPython: requiresPython, yankReason: yankReason)
            grouped[facts.version, default: []].append(File(index: file, distribution: distribution))
        }
        self.name = page.name
        self.byVersion = grouped
    }

    var candidates: [CandidateVersion] {
        byVersion.map { CandidateVersion(version: $0.key, files: $0.value.map(\.distribution)) }
            .sorted { $0.version > $1.version }
    }

    /// The newest version that has a compatible, non-yanked wheel accepting `python`, with the
    /// file the candidate policy would choose among those wheels: a guess at what the resolver
    /// will ask for first, fetched early. Never an sdist (a guess must not start a build).
    func likelyFirstPick(python: Version) -> (version: Version, filename: String)? {
        for version in byVersion.keys.sorted(by: >) where !version.isPrerelease {
            let wheels = (byVersion[version] ?? []).map(\.distribution).filter { file in
                guard case .wheel(_?) = file.kind, !file.isYanked else { return false }
                return file.requiresPython?.contains(python, prereleases: true) ?? true
            }
            if let best = DistributionFile.preferred(among: wheels) { return (version, best.filename) }
        }
        return nil
    }
}
