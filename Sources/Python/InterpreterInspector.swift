import SystemSupport

/// Inspects interpreters: answers from the probe cache when the interpreter is unchanged, else
/// runs the probe (with a timeout) and caches the answer.
public struct InterpreterInspector: Sendable {
    public static let defaultTimeout: Duration = .seconds(10)

    private let cache: ProbeCache?
    public let timeout: Duration

    /// `cacheDirectory` is the cache's `interpreters-v1` bucket; nil disables caching.
    public init(cacheDirectory: String?, timeout: Duration = defaultTimeout) {
        self.cache = cacheDirectory.map(ProbeCache.init(directory:))
        self.timeout = timeout
    }

    /// `KILN_PROBE_TIMEOUT` (seconds, fractions allowed) from `environment`, else 10 s.
    public static func timeout(fromEnvironment environment: [String: String]) -> Duration {
        guard let text = environment["KILN_PROBE_TIMEOUT"], let seconds = Double(text), seconds > 0, seconds.isFinite else {
            return defaultTimeout
        }
        return .milliseconds(Int64(seconds * 1000))
    }

    /// Inspects the interpreter at `path` (a file; see `InterpreterDiscovery` for venv directories).
    public func inspect(_ path: String) async throws(InterpreterError) -> Interpreter {
        let absolute = FileSystem.absolute(path)
        guard FileSystem.exists(absolute) else { throw .notFound(path: absolute) }
        guard let fingerprint = ProbeCache.Fingerprint.current(of: absolute) else {
            throw .notFound(path: absolute)
        }
        if let cache, let report = cache.lookup(absolute, fingerprint: fingerprint) {
            return try Interpreter(path: absolute, report: report)
        }
        let report = try await InterpreterProbe.run(absolute, timeout: timeout)
        // Only a path that is (or links to) the interpreter itself can be checked for change; a
        // wrapper script (a pyenv shim) may run another interpreter tomorrow without changing.
        // Unsupported versions are cached too: they stay unsupported while the file is unchanged.
        if let cache, let executable = report.executable, (try? FileSystem.realPath(executable)) == fingerprint.realPath {
            cache.store(report, for: absolute, fingerprint: fingerprint)
        }
        return try Interpreter(path: absolute, report: report)
    }
}
