import ArgumentParser
import BuildFrontend
import Cache
import Index
import Install
import PackagingModel
import Python
import Services
import SystemSupport

/// Options shared by `build-wheel`, `build-sdist` and `build`.
struct BuildOptionsGroup: ParsableArguments {
    @Option(name: [.customShort("o"), .customLong("out-dir")], help: "Directory the built files go to.")
    var outputDirectory: String = "dist"

    @Flag(name: .customLong("no-isolation"), help: "Build in the target interpreter instead of a fresh build environment.")
    var noIsolation = false

    @Flag(name: .customLong("skip-dependency-check"), help: "With --no-isolation: do not check that the build requirements are installed.")
    var skipDependencyCheck = false

    @Option(name: [.customShort("C"), .customLong("config-setting")], help: ArgumentHelp("A PEP 517 config setting; a repeated KEY becomes a list.", valueName: "KEY=VALUE"))
    var configSettings: [String] = []

    @Option(name: .customLong("build-constraint"), help: ArgumentHelp("Constraints applied to build requirements.", valueName: "FILE"))
    var buildConstraintFiles: [String] = []

    @Option(name: .customLong("report"), help: ArgumentHelp("Write a JSON report of the build here.", valueName: "FILE"))
    var reportFile: String?

    func validate() throws {
        if skipDependencyCheck && !noIsolation { throw ValidationError("--skip-dependency-check goes with --no-isolation") }
        do {
            _ = try ConfigSettings(parsing: configSettings)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Everything a build needs from the command line: the service (target interpreter, cache)
    /// and the options value.
    private func prepare(global: GlobalOptions, python: PythonOption, console: Console) async throws -> PreparedBuild {
        let cache = try await global.openCache(console)
        let discovery = try global.interpreterDiscovery(cache: cache)
        let target = try await discovery.find(python.request)
        let venvBase = noIsolation ? target : try await discovery.findVenvBase(python.request)
        let index = try global.makePackageIndex(cache: cache, console: console)
        let isolation: BuildIsolation
        if noIsolation {
            isolation = .none(checkDependencies: !skipDependencyCheck)
        } else {
            isolation = global.isolatedBuilds(index: index, cache: cache, console: console)
        }
        let options = BuildOptions(
            configSettings: try ConfigSettings(parsing: configSettings), buildConstraints: try BuildConstraintFiles.parse(buildConstraintFiles),
            isolation: isolation, environment: ProcessEnvironment.variables, streamOutput: global.verbose > 0)
        let service = try global.buildService(cache: cache, target: target, venvBase: venvBase, console: console)
        return PreparedBuild(service: service, options: options, index: index)
    }

    /// Prepares the build, runs `body` with it, and ends the index's HTTP thread afterwards
    /// whatever `body` did: nothing the command started outlives it.
    func withPreparedBuild<Value>(
        global: GlobalOptions, python: PythonOption, console: Console, _ body: (inout PreparedBuild) async throws -> Value
    ) async throws -> Value {
        var prepared = try await prepare(global: global, python: python, console: console)
        let outcome: Result<Value, any Error>
        do {
            let value = try await body(&prepared)
            outcome = .success(value)
        } catch {
            outcome = .failure(error)
        }
        await prepared.index.shutDown()
        return try outcome.get()
    }

    var absoluteOutputDirectory: String { FileSystem.absolute(outputDirectory) }

    func writeReport(_ report: BuildReport) throws {
        guard let reportFile else { return }
        try FileSystem.writeAtomically(report.json(), to: FileSystem.absolute(reportFile))
    }
}

/// A build ready to run; `index` is where `name==version` sdists come from (the same one build
/// requirements are resolved against).
struct PreparedBuild: Sendable {
    let service: BuildService
    var options: BuildOptions
    let index: PackageIndex
}

/// The frontend's events as console lines.
enum BuildEventPrinter {
    /// How "Building X with Y" and cache hits are shown: lines of their own for the build
    /// commands, details in an install, whose progress renderer already shows which builds run.
    enum Headlines {
        case info
        case detail
    }

    static func print(_ event: BuildEvent, _ console: Console, headlines: Headlines = .info) {
        func headline(_ line: String) {
            switch headlines {
            case .info: console.info(line)
            case .detail: console.detail(line)
            }
        }
        switch event {
        case .waiting(let message): console.info(message)
        case .started(let project, let backend): headline("Building \(project) with \(backend)")
        case .phase(let phase, let project): console.detail("\(project): \(phase)")
        case .hook(let hook): console.detail("running \(hook.rawValue)")
        case .cacheHit(let wheel): headline("Using \(wheel) from the built-wheel cache")
        case .output(let line): console.detail(line)
        case .logKept(let path): console.detail("build log kept at \(path)")
        }
    }
}

extension BuildError: HintedError {}

extension InstallEventPrinter {
    /// Installs into a build environment are details of the build.
    static func printDetail(_ event: InstallEvent, _ console: Console) {
        switch event {
        case .waiting(let message): console.info(message)
        case .installed(let name, let version, _): console.detail("build environment: \(name) \(version)")
        default: break
        }
    }
}
