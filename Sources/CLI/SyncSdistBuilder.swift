import BuildFrontend
import Cache
import Index
import Python
import Services
import SystemSupport

/// `kiln sync`'s builder for entries that have only an sdist: an isolated build for the target
/// interpreter, set up on first use (the base interpreter for build environments is looked up
/// only when a build is needed).
struct SyncSdistBuilder: LockedSdistBuilding {
    let index: PackageIndex
    let cache: CacheRoot
    let discovery: InterpreterDiscovery
    let target: Interpreter
    let request: PythonRequest?
    let global: GlobalOptions
    let console: Console

    func wheel(from sdist: String, into directory: String) async throws(LockSyncError) -> String {
        let venvBase: Interpreter
        do {
            venvBase = try await discovery.findVenvBase(request)
        } catch {
            throw .build(filename: FileSystem.basename(of: sdist), message: "no interpreter to create its build environment from: \(error)")
        }
        let options = BuildOptions(
            isolation: global.isolatedBuilds(index: index, cache: cache, console: console), environment: ProcessEnvironment.variables,
            streamOutput: global.verbose > 0)
        let service: BuildService
        do {
            service = try global.buildService(cache: cache, target: target, venvBase: venvBase, console: console)
        } catch {
            throw .build(filename: FileSystem.basename(of: sdist), message: "\(error)")
        }
        return try await FrontendSdistBuilder(service: service, options: options).wheel(from: sdist, into: directory)
    }
}
