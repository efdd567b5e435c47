import BuildFrontend
import Index
import PackagingModel
import Resolver

/// Static PKG-INFO when it can be trusted, else the build frontend (through the run's
/// `SdistBuilds`: prepare_metadata_for_build_wheel, else a full build). A failed build is a fact
/// about the version, with its phase and log tail, not an error of the resolution.
public struct BuildingSdistMetadataSource: SdistMetadataSource {
    public let builds: SdistBuilds

    public init(builds: SdistBuilds) {
        self.builds = builds
    }

    public func builtMetadata(of sdist: LocalSdist, filename: String, name: PackageName, version: Version) async -> MetadataResult {
        switch await builds.metadata(for: sdist) {
        case .failure(let error):
            return .unusable(.buildFailed(BuildFailureSummary(error: error)))
        case .success(let prepared):
            do {
                let metadata = try CoreMetadata(parsing: prepared.metadata, source: "\(filename) (built metadata)")
                return MetadataCheck.result(metadata, expectedName: name, expectedVersion: version, filename: filename)
            } catch {
                return .unusable(.metadataUnreadable(file: filename, detail: String(describing: error)))
            }
        }
    }
}
