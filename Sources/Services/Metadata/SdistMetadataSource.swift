import Index
import PackagingModel
import Resolver

/// Where the dependencies of a source distribution come from, in two steps so that a
/// speculative prefetch can take the first and never the second: its static PKG-INFO when that
/// can be trusted, else (for sources that can build) the build frontend.
public protocol SdistMetadataSource: Sendable {
    /// Downloads `file` and reads its PKG-INFO; never builds. An sdist whose PKG-INFO cannot be
    /// trusted answers `.needsBuild` with the downloaded file.
    func staticMetadata(of file: IndexFile, name: PackageName, version: Version, index: PackageIndex) async -> SdistMetadataAnswer

    /// The metadata of an sdist that needs a build (`staticMetadata` said so).
    func builtMetadata(of sdist: LocalSdist, filename: String, name: PackageName, version: Version) async -> MetadataResult
}

public enum SdistMetadataAnswer: Sendable, Hashable {
    case answered(MetadataResult)
    /// Only a build can tell; the sdist is on disk.
    case needsBuild(LocalSdist)
}

extension SdistMetadataSource {
    public func staticMetadata(of file: IndexFile, name: PackageName, version: Version, index: PackageIndex) async -> SdistMetadataAnswer {
        await StaticPKGInfo.read(file, name: name, version: version, index: index)
    }
}

/// Static PKG-INFO only: for resolutions that must not build (build requirements, tests).
/// An sdist that needs a build is unusable here.
public struct StaticPKGInfoSource: SdistMetadataSource {
    public init() {}

    public func builtMetadata(of sdist: LocalSdist, filename: String, name: PackageName, version: Version) async -> MetadataResult {
        .unusable(.buildNeeded(file: filename))
    }
}

/// Reads PKG-INFO out of the sdist (downloaded into the archive store, where an install or a
/// build finds it) and trusts it only when its dependencies are static: Metadata-Version 2.2 or
/// later, with none of Requires-Dist, Requires-Python and Provides-Extra in `Dynamic`.
enum StaticPKGInfo {
    static func read(_ file: IndexFile, name: PackageName, version: Version, index: PackageIndex) async -> SdistMetadataAnswer {
        let downloaded: DownloadedFile
        do {
            downloaded = try await index.download(file)
        } catch {
            return .answered(.unusable(.download(file: file.filename, detail: error.description)))
        }
        let sdist = LocalSdist(
            path: downloaded.path, sha256: downloaded.sha256, indexRequiresPython: file.requiresPython.flatMap { try? SpecifierSet($0) })
        let bytes: [UInt8]
        do {
            guard let found = try SdistPKGInfoReader.pkgInfo(ofArchiveAt: downloaded.path) else { return .needsBuild(sdist) }
            bytes = found
        } catch {
            return .answered(.unusable(.metadataUnreadable(file: file.filename, detail: error.description)))
        }
        // An unreadable or untrustworthy PKG-INFO is no verdict: the backend knows better.
        guard let metadata = try? CoreMetadata(parsing: bytes, source: "\(file.filename)/PKG-INFO"), metadata.hasStaticDependencies else {
            return .needsBuild(sdist)
        }
        return .answered(MetadataCheck.result(metadata, expectedName: name, expectedVersion: version, filename: file.filename))
    }
}

/// Core metadata turned into the resolver's answer, after checking it describes what was asked.
enum MetadataCheck {
    static func result(_ metadata: CoreMetadata, expectedName: PackageName, expectedVersion: Version, filename: String) -> MetadataResult {
        result(DependencyMetadata(metadata), expectedName: expectedName, expectedVersion: expectedVersion, filename: filename)
    }

    static func result(_ metadata: DependencyMetadata, expectedName: PackageName, expectedVersion: Version, filename: String) -> MetadataResult {
        guard metadata.name == expectedName, metadata.version == expectedVersion else {
            return .unusable(.metadataMismatch(
                file: filename, found: "\(metadata.name) \(metadata.version)", expected: "\(expectedName) \(expectedVersion)"))
        }
        return .metadata(PackageMetadata(requirements: metadata.requiresDist, requiresPython: metadata.requiresPython))
    }
}
