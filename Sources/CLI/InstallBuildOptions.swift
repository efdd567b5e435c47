import ArgumentParser
import BuildFrontend
import Cache
import Index
import PackagingModel
import Python
import Services
import SystemSupport

/// How `kiln install` builds the sdists and local projects it installs; the same settings
/// `kiln build-wheel` takes, under pip's and uv's names for install.
struct InstallBuildOptions: ParsableArguments {
    @Flag(name: .customLong("no-build-isolation"), help: "Build in the target environment instead of fresh build environments (its build requirements must be installed).")
    var noBuildIsolation = false

    @Option(
        name: [.customShort("C"), .customLong("config-setting"), .customLong("config-settings")],
        help: ArgumentHelp("A PEP 517 config setting for every build; a repeated KEY becomes a list.", valueName: "KEY=VALUE"))
    var configSettings: [String] = []

    @Option(name: .customLong("build-constraint"), help: ArgumentHelp("Constraints applied to build requirements.", valueName: "FILE"))
    var buildConstraintFiles: [String] = []

    func validate() throws {
        do {
            _ = try ConfigSettings(parsing: configSettings)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The build frontend as the command line configures it, for the install target's interpreter.
    func frontend(
        global: GlobalOptions, cache: CacheRoot, index: PackageIndex, target: Interpreter, discovery: InterpreterDiscovery, console: Console
    ) async throws -> (service: BuildService, options: BuildOptions) {
        let isolation: BuildIsolation
        let venvBase: Interpreter
        if noBuildIsolation {
            isolation = .none(checkDependencies: true)
            venvBase = target
        } else {
            isolation = global.isolatedBuilds(index: index, cache: cache, console: console)
            venvBase = try await discovery.findVenvBase(try PythonRequest(parsing: target.executable))
        }
        let options = BuildOptions(
            configSettings: try ConfigSettings(parsing: configSettings), buildConstraints: try BuildConstraintFiles.parse(buildConstraintFiles),
            isolation: isolation, environment: ProcessEnvironment.variables, streamOutput: global.verbose > 0)
        let service = try global.buildService(cache: cache, target: target, venvBase: venvBase, console: console, headlines: .detail)
        return (service, options)
    }
}
