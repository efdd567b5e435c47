extension Result {
    /// Runs `body` and returns its value or its error as a named `Result`.
    ///
    /// Task children (`group.addTask {}`, `Task {}`) build what they return from this, never
    /// around an inline `try await`: swiftc 6.3.1 with `-O` miscompiles
    /// `return (key, .success(try await f()))` inside a task closure, and the captured `key`
    /// comes back as zero, stale memory or a freed String (seen as "Index out of range" in
    /// `kiln python list` and as an install that did nothing). Binding the awaited value first
    /// compiles correctly. `Tests/SystemSupportTests/OptimiserMiscompileTests.swift` keeps a
    /// reproducer of both shapes, compiled with `-O`, so a compiler that fixes or widens the
    /// fault is noticed.
    public static func awaiting(_ body: () async throws(Failure) -> Success) async -> Result<Success, Failure> {
        let outcome: Result<Success, Failure>
        do {
            let value = try await body()
            outcome = .success(value)
        } catch {
            outcome = .failure(error)
        }
        return outcome
    }
}
