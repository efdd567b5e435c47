import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Runs a command's work so that SIGINT and SIGTERM cancel it instead of killing kiln outright:
/// cancellation reaches the running build, which kills its backend's process group, removes its
/// unpublished cache entry and releases its lock before kiln exits.
enum InterruptibleRun {
    static func run(_ body: @escaping @Sendable () async throws -> Void) async throws {
        let task = Task { try await body() }
        let sources = [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { task.cancel() }
            source.resume()
            return source
        }
        defer {
            for source in sources { source.cancel() }
        }
        try await task.value
    }
}
