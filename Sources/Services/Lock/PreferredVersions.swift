import PackagingModel
import Resolver

/// Offers only the preferred version of a package whenever the index lists it: how a re-lock
/// keeps its pins and how `--fork-strategy fewest` reuses another Python's picks. When that
/// cannot work, the caller resolves again without preferences (as installs do with installed
/// versions, see `InstalledPreferences`).
struct PreferredVersions: MetadataProvider {
    let base: IndexMetadataProvider
    let preferred: [PackageName: Version]

    func versions(of name: PackageName) async throws(MetadataProviderError) -> [CandidateVersion] {
        let all = try await base.versions(of: name)
        guard let wanted = preferred[name], let match = all.first(where: { $0.version == wanted }) else { return all }
        return [match]
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
