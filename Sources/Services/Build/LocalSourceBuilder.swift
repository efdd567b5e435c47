import BuildFrontend
import Install
import PackagingModel
import SystemSupport

/// A path the user asked to install that is not a wheel: it is built before resolution, and
/// the wheel takes its place (as `name @ file://wheel`), so its dependencies resolve as any
/// wheel's do. pip does the same (it prepares local projects before resolving).
public enum LocalSource: Sendable, Equatable {
    /// A source archive (`kiln install ./pkg-1.0.tar.gz`).
    case sdist(path: String)
    /// A project directory with pyproject.toml or setup.py (`kiln install ./project`).
    case tree(path: String)
    /// The same, installed in editable mode (`kiln install -e ./project`, PEP 660).
    case editable(path: String)

    var isSdist: Bool {
        if case .sdist = self { return true }
        return false
    }
}

/// The wheel a local source became, and what its `direct_url.json` must say.
public struct LocalBuiltWheel: Sendable, Equatable {
    public let name: PackageName
    public let wheelPath: String
    public let origin: DirectOrigin
    /// True if the built-wheel cache answered (only sdists are cached).
    public let fromCache: Bool
}

/// Builds local sources through the build frontend into `outputDirectory` (owned by the caller).
public struct LocalSourceBuilder: Sendable {
    public let service: BuildService
    public let options: BuildOptions
    public let outputDirectory: String

    public init(service: BuildService, options: BuildOptions, outputDirectory: String) {
        self.service = service
        self.options = options
        self.outputDirectory = outputDirectory
    }

    public func wheel(for source: LocalSource) async throws(BuildError) -> LocalBuiltWheel {
        let outcome: BuildService.Outcome
        let origin: DirectOrigin
        switch source {
        case .sdist(let path):
            let absolute = FileSystem.absolute(path)
            let sha256 = try await Self.sha256(of: absolute)
            outcome = try await service.buildWheel(sdist: absolute, into: outputDirectory, options: options)
            origin = .archive(url: absolute, sha256: sha256)
        case .tree(let path):
            outcome = try await service.buildWheel(tree: path, into: outputDirectory, options: options)
            origin = .directory(path: FileSystem.absolute(path), editable: false)
        case .editable(let path):
            outcome = try await service.buildEditable(tree: path, into: outputDirectory, options: options)
            origin = .directory(path: FileSystem.absolute(path), editable: true)
        }
        let filename = FileSystem.basename(of: outcome.path)
        guard let wheel = try? WheelFilename(filename) else {
            throw .input(.backendReturnedNothing(hook: .buildWheel, reason: "\(filename) is not a valid wheel file name"))
        }
        return LocalBuiltWheel(name: wheel.name, wheelPath: outcome.path, origin: origin, fromCache: outcome.report.cacheHit)
    }

    /// Hashing reads the whole file: on a thread of its own, not the cooperative pool's.
    private static func sha256(of path: String) async throws(BuildError) -> String {
        let outcome: Result<String, SystemCallError> = await withCheckedContinuation { continuation in
            BlockingThread {
                let result = Result { () throws(SystemCallError) in try SHA256Hasher.hexDigest(ofFile: path) }
                continuation.resume(returning: result)
            }.start()
        }
        do {
            return try outcome.get()
        } catch {
            throw .io(error)
        }
    }
}
