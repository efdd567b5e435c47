import PackagingModel
import SystemSupport

/// Where an sdist's metadata came from.
public enum MetadataOrigin: String, Sendable, Equatable {
    /// `built-metadata-v1` had it: no hook ran.
    case metadataCache
    /// A wheel built earlier (in this run or another) had it: no hook ran.
    case builtWheelCache
    /// `prepare_metadata_for_build_wheel` ran.
    case hook
    /// The backend has no metadata hook: the wheel was built for it (and is in the built-wheel cache).
    case wheelBuild
}

/// An sdist's core metadata (the METADATA file's bytes) and where it came from.
public struct PreparedMetadata: Sendable, Equatable {
    public let metadata: [UInt8]
    public let origin: MetadataOrigin
}

/// One sdist's builds for the length of one run: its metadata first, then (if it is installed)
/// its wheel, from one unpacked tree and one build environment, so asking for both runs
/// get_requires and the environment set-up once. Both results go through the cache under their
/// locks (`built-metadata-v1`, `built-wheels-v1`): N processes asking for the same sdist run
/// its backend once. Operations on one session run one at a time; `close()` removes the tree.
public actor SdistBuildSession {
    private let flow: SdistBuildFlow
    private var tree: SessionTree?
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(flow: SdistBuildFlow) {
        self.flow = flow
    }

    /// The sdist's METADATA: from the cache, else `prepare_metadata_for_build_wheel`, else (the
    /// backend lacks the hook) a full build whose wheel is published to the built-wheel cache.
    public func metadata() async throws(BuildError) -> PreparedMetadata {
        await enter()
        defer { leave() }
        var current = tree
        let result: Result<PreparedMetadata, BuildError>
        do {
            let prepared = try await flow.metadata(tree: &current)
            result = .success(prepared)
        } catch {
            result = .failure(error)
        }
        tree = current
        return try result.get()
    }

    /// The sdist's wheel, copied into `outputDirectory`: from the built-wheel cache, else built in
    /// the tree (and environment) a metadata request already prepared.
    public func wheel(into outputDirectory: String) async throws(BuildError) -> BuildService.Outcome {
        await enter()
        defer { leave() }
        var current = tree
        let result: Result<BuildService.Outcome, BuildError>
        do {
            let outcome = try await flow.wheel(into: outputDirectory, tree: &current)
            result = .success(outcome)
        } catch {
            result = .failure(error)
        }
        tree = current
        return try result.get()
    }

    /// Removes the unpacked tree and build environment (a failed build's log stays).
    public func close() {
        tree?.remove(keepingLog: false)
        tree = nil
    }

    private func enter() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func leave() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}

extension BuildService {
    /// A session for one sdist (see `SdistBuildSession`); the caller closes it when the run ends.
    public func session(sdist: String, options: BuildOptions) -> SdistBuildSession {
        let archive = FileSystem.absolute(sdist)
        return SdistBuildSession(flow: SdistBuildFlow(
            service: self, archive: archive, filename: try? SdistFilename(FileSystem.basename(of: archive)), options: options))
    }

    /// The metadata of one sdist, in a session of its own.
    public func prepareMetadata(sdist: String, options: BuildOptions) async throws(BuildError) -> PreparedMetadata {
        let session = session(sdist: sdist, options: options)
        let result: Result<PreparedMetadata, BuildError>
        do {
            let prepared = try await session.metadata()
            result = .success(prepared)
        } catch {
            result = .failure(error)
        }
        await session.close()
        return try result.get()
    }
}

/// The unpacked tree of a session, with its builder (which keeps the prepared environment).
struct SessionTree: Sendable {
    let directory: BuildDirectory
    let project: SourceProject
    let epoch: Int64?
    let log: BuildLog
    var builder: ProjectBuilder
    /// A wheel built on the way to the metadata (kept for --no-isolation, which has no cache).
    var fallbackWheel: String?

    func remove(keepingLog: Bool) {
        directory.remove()
        if !keepingLog { try? FileSystem.removeTree(FileSystem.parent(of: log.path)) }
    }
}
