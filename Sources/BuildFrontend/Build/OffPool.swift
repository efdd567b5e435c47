import SystemSupport

/// Runs blocking work (unpacking, hashing, fsync'd copies, reading a wheel) on a thread of its
/// own, so a build never holds one of the cooperative pool's few threads (DESIGN.md,
/// "Concurrency and process lifetime").
enum OffPool {
    static func run<T: Sendable, E: Error>(_ body: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        let outcome: Result<T, E> = await withCheckedContinuation { continuation in
            BlockingThread {
                do throws(E) {
                    let value = try body()
                    continuation.resume(returning: .success(value))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }.start()
        }
        return try outcome.get()
    }
}
