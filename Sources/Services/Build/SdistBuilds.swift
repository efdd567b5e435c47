import BuildFrontend
import PackagingModel
import SystemSupport

/// An sdist on disk (downloaded into the archive store, or given by path) that a run may build.
public struct LocalSdist: Sendable, Hashable {
    public let path: String
    /// Its SHA-256: the key of its builds within a run and in the cache.
    public let sha256: String
    /// `Requires-Python` the index lists for it, checked before anything runs.
    public let indexRequiresPython: SpecifierSet?

    public init(path: String, sha256: String, indexRequiresPython: SpecifierSet? = nil) {
        self.path = path
        self.sha256 = sha256
        self.indexRequiresPython = indexRequiresPython
    }
}

/// The sdist builds of one run (one `kiln compile` or `kiln install`), keyed by the sdist's
/// SHA-256: the resolver asks `metadata(for:)`, the installer then asks `wheel(for:into:)` of
/// the same sdist and gets the wheel built in the tree and environment the metadata build
/// prepared (or the wheel the metadata build already made, or the built-wheel cache's). Builds
/// have their own concurrency limit, separate from (and narrower than) the fetch gate: a build
/// is a venv, an install and a backend, not a transfer. `finish()` removes the build trees.
public actor SdistBuilds {
    public let service: BuildService
    public let options: BuildOptions
    private let gate: ConcurrencyGate
    private var sessions: [String: SdistBuildSession] = [:]

    public init(service: BuildService, options: BuildOptions, concurrency: Int = 2) {
        self.service = service
        self.options = options
        self.gate = ConcurrencyGate(limit: concurrency)
    }

    /// The sdist's core metadata (METADATA bytes): cached, from prepare_metadata_for_build_wheel,
    /// or from a full build.
    public func metadata(for sdist: LocalSdist) async -> Result<PreparedMetadata, BuildError> {
        let session = session(for: sdist)
        return await gate.run { () async -> Result<PreparedMetadata, BuildError> in
            // Named first: see `Result.awaiting` for the miscompile this avoids.
            await Result.awaiting { () async throws(BuildError) in try await session.metadata() }
        }
    }

    /// The sdist's wheel, placed in `outputDirectory`.
    public func wheel(for sdist: LocalSdist, into outputDirectory: String) async -> Result<BuildService.Outcome, BuildError> {
        let session = session(for: sdist)
        return await gate.run { () async -> Result<BuildService.Outcome, BuildError> in
            await Result.awaiting { () async throws(BuildError) in try await session.wheel(into: outputDirectory) }
        }
    }

    /// Removes every session's build tree; call once when the run ends.
    public func finish() async {
        let all = Array(sessions.values)
        sessions = [:]
        for session in all { await session.close() }
    }

    private func session(for sdist: LocalSdist) -> SdistBuildSession {
        if let known = sessions[sdist.sha256] { return known }
        var options = self.options
        options.indexRequiresPython = sdist.indexRequiresPython
        let made = service.session(sdist: sdist.path, options: options)
        sessions[sdist.sha256] = made
        return made
    }
}
