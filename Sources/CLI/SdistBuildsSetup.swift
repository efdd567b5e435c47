import BuildFrontend
import Cache
import Index
import Python
import Services
import SystemSupport

extension GlobalOptions {
    /// Runs `body` with the run's sdist builds for `interpreter` (`kiln compile`, `kiln install`):
    /// isolated build environments made from the interpreter's base, build requirements
    /// resolved and installed by kiln against `index`. The build trees are removed afterwards,
    /// whatever `body` did.
    func withSdistBuilds<Value>(
        cache: CacheRoot, index: PackageIndex, interpreter: Interpreter, console: Console,
        _ body: (SdistBuilds) async throws -> Value
    ) async throws -> Value {
        let venvBase = try await interpreterDiscovery(cache: cache).findVenvBase(try PythonRequest(parsing: interpreter.path))
        let options = BuildOptions(
            isolation: isolatedBuilds(index: index, cache: cache, console: console), environment: ProcessEnvironment.variables,
            streamOutput: verbose > 0)
        let service = try buildService(cache: cache, target: interpreter, venvBase: venvBase, console: console)
        let builds = SdistBuilds(service: service, options: options)
        let outcome: Result<Value, any Error>
        do {
            let value = try await body(builds)
            outcome = .success(value)
        } catch {
            outcome = .failure(error)
        }
        await builds.finish()
        return try outcome.get()
    }
}
