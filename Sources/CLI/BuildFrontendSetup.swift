import BuildFrontend
import Cache
import Index
import PackagingModel
import Python
import Services
import SystemSupport

/// The build frontend as every command sets it up (build-wheel, install, compile, sync): one
/// place for the service's unpacker limit, its event lines and the isolated environments.
extension GlobalOptions {
    /// Isolated builds: requirements resolved against `index` and installed by kiln into
    /// throwaway venvs, their install lines shown as details.
    func isolatedBuilds(index: PackageIndex, cache: CacheRoot, console: Console) -> BuildIsolation {
        .isolated(ResolvingBuildEnvironmentInstaller(
            index: index, cache: cache, lockTimeout: lockTimeout,
            onEvent: { event in InstallEventPrinter.printDetail(event, console) }))
    }

    /// A build service for `target`, build venvs made from `venvBase`, events printed on `console`.
    func buildService(
        cache: CacheRoot, target: Interpreter, venvBase: Interpreter, console: Console,
        headlines: BuildEventPrinter.Headlines = .info
    ) throws -> BuildService {
        BuildService(
            cache: cache, target: target, venvBase: venvBase, lockTimeout: lockTimeout,
            unpacker: SdistUnpacker(maxUnpackedSize: try SdistUnpacker.maxUnpackedSize(from: ProcessEnvironment.variables)),
            onEvent: { event in BuildEventPrinter.print(event, console, headlines: headlines) })
    }
}

/// `--build-constraint FILE...`: the constraints of those requirements files.
enum BuildConstraintFiles {
    static func parse(_ files: [String]) throws -> [Requirement] {
        guard !files.isEmpty else { return [] }
        let parser = RequirementsFileParser(environment: ProcessEnvironment.variables) { path in try FileSystem.readText(path) }
        return try parser.parse(constraints: files).constraints.map(\.requirement)
    }
}
