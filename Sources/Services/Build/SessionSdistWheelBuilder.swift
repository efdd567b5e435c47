import BuildFrontend

/// `SdistWheelBuilder` over the run's `SdistBuilds`: the wheel of an sdist whose metadata was
/// built during resolution comes from the same session (its environment, or the wheel the
/// metadata build already made); other sdists are built (or found in the cache) as usual.
public struct SessionSdistWheelBuilder: SdistWheelBuilder {
    public let builds: SdistBuilds
    public let outputDirectory: String

    public init(builds: SdistBuilds, outputDirectory: String) {
        self.builds = builds
        self.outputDirectory = outputDirectory
    }

    public func wheel(for sdist: SdistToBuild) async throws(BuildError) -> BuiltSdistWheel {
        let local = LocalSdist(path: sdist.path, sha256: sdist.sha256, indexRequiresPython: sdist.requiresPython)
        let outcome = try await builds.wheel(for: local, into: outputDirectory).get()
        return BuiltSdistWheel(path: outcome.path, fromCache: outcome.report.cacheHit)
    }
}
