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
}
