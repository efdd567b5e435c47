import Index
import PackagingModel
import Resolver

/// Where the dependencies of a source distribution come from. For now its static PKG-INFO
/// (core metadata 2.2+ with nothing relevant in `Dynamic`); the build frontend will provide one
/// that runs `prepare_metadata_for_build_wheel` instead.
public protocol SdistMetadataSource: Sendable {
    func metadata(of file: IndexFile, name: PackageName, version: Version, index: PackageIndex) async -> MetadataResult
}

/// Reads PKG-INFO out of the sdist (downloaded into the archive store, where an install would
/// find it) and uses it only when its dependencies are static.
public struct StaticPKGInfoSource: SdistMetadataSource {
    public static let needsBuildReason =
        "needs a build to know its dependencies; building sdists comes with the build frontend"

    public init() {}

    public func metadata(of file: IndexFile, name: PackageName, version: Version, index: PackageIndex) async -> MetadataResult {
        let downloaded: DownloadedFile
        do {
            downloaded = try await index.download(file)
        } catch {
            return .unusable(reason: "cannot download \(file.filename): \(error)", isBuildFailure: false)
        }
        let bytes: [UInt8]
        do {
            guard let found = try SdistPKGInfoReader.pkgInfo(ofArchiveAt: downloaded.path) else {
                return .unusable(reason: "\(file.filename) has no PKG-INFO and " + Self.needsBuildReason, isBuildFailure: false)
            }
            bytes = found
        } catch {
            return .unusable(reason: error.description, isBuildFailure: false)
        }
        let metadata: CoreMetadata
        do {
            metadata = try CoreMetadata(parsing: bytes, source: "\(file.filename)/PKG-INFO")
        } catch {
            return .unusable(reason: "\(file.filename) has unreadable PKG-INFO (\(error)); it " + Self.needsBuildReason, isBuildFailure: false)
        }
        guard metadata.hasStaticDependencies else { return .unusable(reason: Self.needsBuildReason, isBuildFailure: false) }
        return MetadataCheck.result(metadata, expectedName: name, expectedVersion: version, filename: file.filename)
    }
}

/// Core metadata turned into the resolver's answer, after checking it describes what was asked.
enum MetadataCheck {
    static func result(_ metadata: CoreMetadata, expectedName: PackageName, expectedVersion: Version, filename: String) -> MetadataResult {
        guard metadata.name == expectedName, metadata.version == expectedVersion else {
            return .unusable(
                reason: "\(filename) describes itself as \(metadata.name) \(metadata.version), not \(expectedName) \(expectedVersion)",
                isBuildFailure: false)
        }
        return .metadata(PackageMetadata(requirements: metadata.requiresDist, requiresPython: metadata.requiresPython))
    }
}
