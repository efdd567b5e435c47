import Install
import PackagingModel
import Resolver
import SystemSupport

/// Installed versions as the resolver's first choice: a package installed in the environment
/// is offered at that version only, with the dependencies its METADATA lists, so a requirement
/// the environment already satisfies needs no index request at all. When that cannot work, the
/// caller resolves again against the index alone.
struct InstalledPreferences: MetadataProvider {
    /// The synthetic file name of an installed version; never downloaded.
    static let installedFilename = "<installed>"

    let base: IndexMetadataProvider
    let installed: [PackageName: (version: Version, metadataPath: String)]

    init(base: IndexMetadataProvider, distributions: [InstalledDistribution], excluding: Set<PackageName>) {
        self.base = base
        var found: [PackageName: (Version, String)] = [:]
        for distribution in distributions where distribution.format == .distInfo && !excluding.contains(distribution.name) {
            guard let version = try? Version(distribution.version) else { continue }
            found[distribution.name] = (version, FileSystem.join(distribution.metadataPath, "METADATA"))
        }
        self.installed = found
    }

    func versions(of name: PackageName) async throws(MetadataProviderError) -> [CandidateVersion] {
        guard let known = installed[name] else { return try await base.versions(of: name) }
        return [CandidateVersion(version: known.version, files: [DistributionFile(filename: Self.installedFilename, kind: .wheel(tagPriority: 0))])]
    }

    func listing(of name: PackageName) async throws(MetadataProviderError) -> VersionListing {
        guard installed[name] != nil else { return try await base.listing(of: name) }
        return VersionListing(try await versions(of: name))
    }

    func candidate(for name: PackageName, url: String) async throws(MetadataProviderError) -> CandidateVersion {
        try await base.candidate(for: name, url: url)
    }

    func dependencies(of name: PackageName, version: Version, file: DistributionFile) async -> MetadataResult {
        guard let known = installed[name], known.version == version, file.filename == Self.installedFilename else {
            return await base.dependencies(of: name, version: version, file: file)
        }
        do {
            let metadata = try CoreMetadata(parsing: try FileSystem.readBytes(known.metadataPath), source: known.metadataPath)
            return .metadata(PackageMetadata(requirements: metadata.requiresDist, requiresPython: nil))
        } catch {
            return .unusable(.metadataUnreadable(file: known.metadataPath, detail: String(describing: error)))
        }
    }

    func prefetch(_ hints: [PrefetchHint]) async {
        await base.prefetch(hints.filter { hint in
            switch hint {
            case .versions(let name), .dependencies(let name, _, _): installed[name] == nil
            }
        })
    }
}
