import BuildFrontend
import Index
import PackagingModel
import Resolver

/// Static PKG-INFO when it can be trusted, else the build frontend (through the run's
/// `SdistBuilds`: prepare_metadata_for_build_wheel, else a full build). A failed build is a fact
/// about the version, with its phase and log tail, not an error of the resolution.
public struct BuildingSdistMetadataSource: SdistMetadataSource {
    public let builds: SdistBuilds
    /// Told when a metadata build starts and ends (progress lines); the resolution does not wait on it.
    public let onEvent: @Sendable (RequirementInstallEvent) -> Void

    public init(builds: SdistBuilds, onEvent: @escaping @Sendable (RequirementInstallEvent) -> Void = { _ in }) {
        self.builds = builds
        self.onEvent = onEvent
    }

    public func builtMetadata(of sdist: LocalSdist, filename: String, name: PackageName, version: Version) async -> MetadataResult {
        let label = "\(name) \(version)"
        onEvent(.metadataStarted(label: label))
        let answer = await builds.metadata(for: sdist)
        switch answer {
        case .failure(let error):
            onEvent(.metadataFinished(label: label, ranBackend: true, failed: true))
            return .unusable(.buildFailed(BuildFailureSummary(error: error)))
        case .success(let prepared):
            let ranBackend = prepared.origin == .hook || prepared.origin == .wheelBuild
            onEvent(.metadataFinished(label: label, ranBackend: ranBackend, failed: false))
            do {
                let metadata = try CoreMetadata(parsing: prepared.metadata, source: "\(filename) (built metadata)")
                return MetadataCheck.result(metadata, expectedName: name, expectedVersion: version, filename: filename)
            } catch {
                return .unusable(.metadataUnreadable(file: filename, detail: String(describing: error)))
            }
        }
    }
}
