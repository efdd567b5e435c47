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
            (lhs.index.filename.hasSuffix(".tar.gz") ? 0 : 1) < (rhs.index.filename.hasSuffix(".tar.gz") ? 0 : 1)
        }
    }

    /// The newest version that has a compatible, non-yanked wheel accepting `python`: a guess at
    /// what the resolver will ask for first, fetched early.
    func likelyFirstPick(python: Version) -> Version? {
        byVersion.keys.sorted(by: >).first { version in
            guard !version.isPrerelease, let files = byVersion[version] else { return false }
            return files.contains { file in
                guard case .wheel(_?) = file.distribution.kind, !file.distribution.isYanked else { return false }
                return file.distribution.requiresPython?.contains(python, prereleases: true) ?? true
            }
        }
    }
}
