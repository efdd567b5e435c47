import BuildFrontend
import PackagingModel

/// The seam between installing and building: turns a chosen, downloaded (hash-checked) sdist
/// into a wheel for the install target. `RequirementInstaller` knows nothing else of builds.
///
/// `SessionSdistWheelBuilder` answers from the run's `SdistBuilds`: the environment or wheel
/// prepared while reading the sdist's metadata, else the built-wheel cache (and its build lock),
/// else a build. Tests give the installer fakes.
public protocol SdistWheelBuilder: Sendable {
    func wheel(for sdist: SdistToBuild) async throws(BuildError) -> BuiltSdistWheel
}

/// A chosen sdist, on disk.
public struct SdistToBuild: Sendable, Equatable {
    public let path: String
    /// SHA-256 of the file (checked against the index's when it was downloaded): the key of
    /// its builds, within a run and in the built-wheel cache.
    public let sha256: String
    public let name: PackageName
    public let version: Version
    /// `Requires-Python` of the file on the index, checked before anything runs.
    public let requiresPython: SpecifierSet?

    public init(path: String, sha256: String, name: PackageName, version: Version, requiresPython: SpecifierSet? = nil) {
        self.path = path
        self.sha256 = sha256
        self.name = name
        self.version = version
        self.requiresPython = requiresPython
    }
}

/// The wheel made from an sdist.
public struct BuiltSdistWheel: Sendable, Equatable {
    /// The wheel file, in a directory owned by the builder for the run.
    public let path: String
    /// True if the built-wheel cache answered and no backend ran.
    public let fromCache: Bool

    public init(path: String, fromCache: Bool) {
        self.path = path
        self.fromCache = fromCache
    }
}
