import Cache
import Index
import SystemSupport

extension GlobalOptions {
    /// The package sources the global options describe (`--index-url`, `--extra-index-url`,
    /// `--no-index`, `--find-links`, `--exclude-newer`, `--offline`, `--refresh`; `KILN_INDEX_URL`,
    /// `KILN_INDEX_TTL`), over one HTTP client configured from the environment (proxies, CA
    /// bundle, netrc), reporting downloads through `progress`.
    func makePackageIndex(cache: CacheRoot, console: Console, progress: ProgressRenderer? = nil) throws -> PackageIndex {
        let environment = ProcessEnvironment.variables
        let settings = try IndexSettings.parse(
            indexURL: indexURL, extraIndexURLs: extraIndexURLs, noIndex: noIndex, findLinks: findLinks,
            excludeNewer: excludeNewer, offline: offline, refresh: refresh, environment: environment,
            lockTimeout: try checkedLockTimeout())
        let client = HTTPClient(configuration: .fromEnvironment(environment, userAgent: "kiln/\(KilnVersion.current)"))
        let events = IndexEvents(progress: progress?.handler, waiting: console.info)
        return PackageIndex(settings: settings, client: client, cache: cache, events: events)
    }

    /// Runs `body` with the package index and ends the index's HTTP thread afterwards, whether
    /// `body` succeeded or not: nothing the command started outlives it (DESIGN.md, "Concurrency
    /// and process lifetime").
    func withPackageIndex<Result>(
        cache: CacheRoot, console: Console, progress: ProgressRenderer? = nil, _ body: (PackageIndex) async throws -> Result
    ) async throws -> Result {
        let index = try makePackageIndex(cache: cache, console: console, progress: progress)
        let outcome: Swift.Result<Result, any Error>
        do {
            let value = try await body(index)
            outcome = .success(value)
        } catch {
            outcome = .failure(error)
        }
        await index.shutDown()
        return try outcome.get()
    }
}
