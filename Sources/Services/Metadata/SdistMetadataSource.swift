import Index
import PackagingModel
import Resolver

/// Where the dependencies of a source distribution come from: its static PKG-INFO when that
/// can be trusted, else (for sources that can build) the build frontend.
public protocol SdistMetadataSource: Sendable {
    /// The metadata of `file`. With `mayBuild` false (a speculative prefetch) nothing is built:
    /// an sdist whose PKG-INFO cannot be trusted answers `.needsBuild`.
    func metadata(of file: IndexFile, name: PackageName, version: Version, index: PackageIndex, mayBuild: Bool) async -> SdistMetadataAnswer
}

public enum SdistMetadataAnswer: Sendable, Hashable {
    case answered(MetadataResult)
    /// Only a build can tell, and this request was not allowed to start one.
    case needsBuild
}

/// Static PKG-INFO only: for resolutions that must not build (build requirements, tests).
/// An sdist that needs a build is unusable here.
public struct StaticPKGInfoSource: SdistMetadataSource {
    public init() {}

    public func metadata(of file: IndexFile, name: PackageName, version: Version, index: PackageIndex, mayBuild: Bool) async -> SdistMetadataAnswer {
        switch await StaticPKGInfo.read(file, name: name, version: version, index: index) {
        case .answered(let result): .answered(result)
        case .needsBuild: mayBuild ? .answered(.unusable(.buildNeeded(file: file.filename))) : .needsBuild
        }
    }
}

/// Reads PKG-INFO out of the sdist (downloaded into the archive store, where an install or a
/// build finds it) and trusts it only when its dependencies are static: Metadata-Version 2.2 or
/// later, with none of Requires-Dist, Requires-Python and Provides-Extra in `Dynamic`.
enum StaticPKGInfo {
    enum Reading: Sendable {
        case answered(MetadataResult)
        /// The sdist is on disk at `path` (SHA-256 `sha256`), and only a build can tell.
        case needsBuild(path: String, sha256: String)
    }

    static func read(_ file: IndexFile, name: PackageName, version: Version, index: PackageIndex) async -> Reading {
        let downloaded: DownloadedFile
        do {
            downloaded = try await index.download(file)
        } catch {
            return .answered(.unusable(.download(file: file.filename, detail: error.description)))
        }
        let bytes: [UInt8]
        do {
            guard let found = try SdistPKGInfoReader.pkgInfo(ofArchiveAt: downloaded.path) else {
                return .needsBuild(path: downloaded.path, sha256: downloaded.sha256)
            }
            bytes = found
        } catch {
            return .answered(.unusable(.metadataUnreadable(file: file.filename, detail: error.description)))
        }
        // An unreadable or untrustworthy PKG-INFO is no verdict: the backend knows better.
        guard let metadata = try? CoreMetadata(parsing: bytes, source: "\(file.filename)/PKG-INFO"), metadata.hasStaticDependencies else {
            return .needsBuild(path: downloaded.path, sha256: downloaded.sha256)
        }
        return .answered(MetadataCheck.result(metadata, expectedName: name, expectedVersion: version, filename: file.filename))
    }
}

/// Core metadata turned into the resolver's answer, after checking it describes what was asked.
enum MetadataCheck {
    static func result(_ metadata: CoreMetadata, expectedName: PackageName, expectedVersion: Version, filename: String) -> MetadataResult {
        guard metadata.name == expectedName, metadata.version == expectedVersion else {
            return .unusable(.metadataMismatch(
                file: filename, found: "\(metadata.name) \(metadata.version)", expected: "\(expectedName) \(expectedVersion)"))
        }
        return .metadata(PackageMetadata(requirements: metadata.requiresDist, requiresPython: metadata.requiresPython))
    }
}
