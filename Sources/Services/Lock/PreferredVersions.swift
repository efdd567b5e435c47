import PackagingModel
import Resolver

/// Offers only the preferred version of a package whenever it can be used for this Python:
/// how a re-lock keeps its pins and how `--fork-strategy fewest` reuses another Python's picks.
/// A preferred version this Python cannot use (its requires-python excludes it, none of its
/// files fits) is dropped for that package alone, and every version is offered. When the
/// preferences still cannot all hold, the caller resolves again without them (as installs do
/// with installed versions, see `InstalledPreferences`).
struct PreferredVersions: MetadataProvider {
    let base: IndexMetadataProvider
    let preferred: [PackageName: Version]
    let pythonVersion: Version

    func versions(of name: PackageName) async throws(MetadataProviderError) -> [CandidateVersion] {
        let all = try await base.versions(of: name)
        guard let wanted = preferred[name], let match = all.first(where: { $0.version == wanted }) else { return all }
        let usable = match.files.contains { file in
            let fits = if case .wheel(let priority) = file.kind { priority != nil } else { true }
            return fits && (file.requiresPython?.contains(pythonVersion, prereleases: true) ?? true)
        }
        return usable ? [match] : all
    }

    func candidate(for name: PackageName, url: String) async throws(MetadataProviderError) -> CandidateVersion {
        try await base.candidate(for: name, url: url)
    }

    func dependencies(of name: PackageName, version: Version) async -> MetadataResult {
        await base.dependencies(of: name, version: version)
    }

    func prefetch(_ hints: [PrefetchHint]) async {
        await base.prefetch(hints)
    }
}
