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

    public func metadata(of file: IndexFile, name: PackageName, version: Version, index: PackageIndex, mayBuild: Bool) async -> SdistMetadataAnswer {
        let (path, sha256): (String, String)
        switch await StaticPKGInfo.read(file, name: name, version: version, index: index) {
        case .answered(let result): return .answered(result)
        case .needsBuild(let found, let digest): (path, sha256) = (found, digest)
        }
        guard mayBuild else { return .needsBuild }
        let sdist = LocalSdist(path: path, sha256: sha256, indexRequiresPython: file.requiresPython.flatMap { try? SpecifierSet($0) })
        switch await builds.metadata(for: sdist) {
        case .failure(let error):
            return .answered(.unusable(.buildFailed(BuildFailureSummary(error))))
        case .success(let prepared):
            do {
                let metadata = try CoreMetadata(parsing: prepared.metadata, source: "\(file.filename) (built metadata)")
                return .answered(MetadataCheck.result(metadata, expectedName: name, expectedVersion: version, filename: file.filename))
            } catch {
                return .answered(.unusable(.metadataUnreadable(file: file.filename, detail: String(describing: error))))
            }
        }
    }
}
