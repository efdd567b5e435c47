import Index
import PackagingModel
import Resolver

/// The index provider as a lock needs it, in two ways:
///
/// - Preferred versions: a package's preferred version is the only one offered whenever it can
///   be used for this Python. This is how a re-lock keeps its pins and how `--fork-strategy fewest`
///   reuses another Python's picks. A preferred version this Python cannot use (its requires-python
///   excludes it, or none of its files fits) is dropped for that package alone, and every version
///   is offered. When the preferences still cannot all hold, the caller resolves again without
///   them, as installs do with installed versions (see `InstalledPreferences`).
/// - Metadata of versions without a wheel for this Python: a lock records versions that the
///   Python would build from the sdist, as uv does. The metadata of one of the version's other
///   wheels stands in for the sdist's (wheels of one version carry the same dependencies, which
///   is what uv assumes too), so no sdist is built just to lock it.
struct LockingProvider: MetadataProvider {
    let base: IndexMetadataProvider
    let preferred: [PackageName: Version]
    let pythonVersion: Version
    let wheels: WheelMetadataFetcher

    init(base: IndexMetadataProvider, preferred: [PackageName: Version], pythonVersion: Version) {
        self.base = base
        self.preferred = preferred
        self.pythonVersion = pythonVersion
        self.wheels = WheelMetadataFetcher(index: base.index)
    }

    func versions(of name: PackageName) async throws(MetadataProviderError) -> [CandidateVersion] {
        let all = try await base.versions(of: name)
        guard let wanted = preferred[name], let match = all.first(where: { $0.version == wanted }) else { return all }
        return canUse(match.files) ? [match] : all
    }

    /// `versions(of:)` with the same preference, lazily: only the preferred version's files are
    /// built here (to see whether it can be used); every other version's only when the resolver
    /// looks at it.
    func listing(of name: PackageName) async throws(MetadataProviderError) -> VersionListing {
        let all = try await base.listing(of: name)
        guard let wanted = preferred[name], let position = all.index(of: wanted) else { return all }
        let files = all.files(at: position)
        return canUse(files) ? VersionListing([CandidateVersion(version: wanted, files: files)]) : all
    }

    /// Whether one of a version's files fits this Python: a wheel whose tags match, or an sdist,
    /// whose requires-python (if any) admits this Python.
    private func canUse(_ files: [DistributionFile]) -> Bool {
        files.contains { file in
            let fits = if case .wheel(let priority) = file.kind { priority != nil } else { true }
            return fits && (file.requiresPython?.contains(pythonVersion, prereleases: true) ?? true)
        }
    }

    func candidate(for name: PackageName, url: String) async throws(MetadataProviderError) -> CandidateVersion {
        try await base.candidate(for: name, url: url)
    }

    func dependencies(of name: PackageName, version: Version, file: DistributionFile) async -> MetadataResult {
        // An sdist chosen because no wheel fits this Python: another wheel's metadata, when the
        // version has one, spares building the sdist for it.
        if !file.isWheel, let metadata = await anyWheelMetadata(name, version) { return metadata }
        return await base.dependencies(of: name, version: version, file: file)
    }

    /// The dependencies from the first (by name) of the version's wheels, whatever its tags;
    /// nil when it has none or its metadata cannot be read.
    private func anyWheelMetadata(_ name: PackageName, _ version: Version) async -> MetadataResult? {
        guard case .success(let files) = await base.files(of: name),
              let stand = files.allFiles(of: version).filter({ $0.filename.hasSuffix(".whl") }).min(by: { $0.filename < $1.filename })
        else { return nil }
        guard let metadata = try? await wheels.dependencies(of: stand, project: name), metadata.name == name, metadata.version == version
        else { return nil }
        return .metadata(PackageMetadata(requirements: metadata.requiresDist, requiresPython: metadata.requiresPython))
    }

    func prefetch(_ hints: [PrefetchHint]) async {
        await base.prefetch(hints)
    }
}
