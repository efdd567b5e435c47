import BuildFrontend
import PackagingModel

/// `SdistWheelBuilder` over the build frontend: `BuildService.buildWheel(sdist:)`, so a wheel
/// built before (by this process or any other sharing the cache) is reused, and N processes
/// asking for one sdist at once run one backend. Wheels are copied into `outputDirectory`, which
/// the caller owns and removes.
public struct FrontendSdistWheelBuilder: SdistWheelBuilder {
    public let service: BuildService
    public let options: BuildOptions
    public let outputDirectory: String

    public init(service: BuildService, options: BuildOptions, outputDirectory: String) {
        self.service = service
        self.options = options
        self.outputDirectory = outputDirectory
    }

    public func wheel(for sdist: SdistToBuild) async throws(BuildError) -> BuiltSdistWheel {
        var options = self.options
        options.indexRequiresPython = sdist.requiresPython
        let outcome = try await service.buildWheel(sdist: sdist.path, into: outputDirectory, options: options)
        return BuiltSdistWheel(path: outcome.path, fromCache: outcome.report.cacheHit)
    }
}
