import Cache
import Python
import SystemSupport

extension GlobalOptions {
    /// Discovery over the real environment, caching probe results in the cache's
    /// `interpreters-v1` bucket; the probe timeout comes from `KILN_PROBE_TIMEOUT`.
    func interpreterDiscovery(cache: CacheRoot) throws -> InterpreterDiscovery {
        let context = DiscoveryContext.current
        let inspector = InterpreterInspector(
            cacheDirectory: try cache.bucket(.interpreters),
            timeout: InterpreterInspector.timeout(fromEnvironment: context.variables))
        return InterpreterDiscovery(inspector: inspector, context: context)
    }
}
