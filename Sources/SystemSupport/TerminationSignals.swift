#if canImport(Glibc)
import Glibc
#endif
import CSystem
import Synchronization

/// SIGINT and SIGTERM end kiln the way users expect from a build tool: the operation under way is
/// cancelled (a build then kills its backend, drops its unpublished cache entry and releases its
/// lock), the children kiln started (build backends, interpreter probes, byte-compilers; each in a
/// process group of its own, which a terminal's Ctrl-C does not reach) are stopped, and kiln
/// exits 130 or 143. Nothing else needs undoing: every cache entry is published by rename and
/// every environment change is journaled, so both are as consistent as after a SIGKILL, which the
/// next run completes or rolls back. SIGPIPE is ignored: a closed stdout is an error on write.
///
/// Signals reach the process, not an operation, so the state here (the cancellation hooks and
/// whether a signal is being handled) is process-wide, like `ChildProcessGroups`.
public enum TerminationSignals {
    /// How long a cancelled operation gets to finish, and children to exit after SIGTERM.
    static let gracePeriod: Duration = .seconds(3)

    private struct State {
        var nextToken = 0
        var cancellations: [Int: @Sendable () -> Void] = [:]
    }

    private static let state = Mutex(State())
    /// Set once a signal is being handled: from then on the signal decides kiln's exit status,
    /// not the failure that the cancellation causes in the command.
    private static let handling = Atomic<Bool>(false)
    /// Set when the command has ended (by `exit`) while a signal was being handled.
    private static let commandEnded = Atomic<Bool>(false)

    /// Call once, first thing in `main`.
    public static func install() {
        let readEnd = kiln_termination_signals_install()
        guard readEnd >= 0 else { return }
        BlockingThread { waitForSignal(readEnd) }.start()
    }

    /// Runs `body`; a termination signal meanwhile cancels it. Its cancellation error (or any
    /// result) is then replaced by the signal's exit status.
    public static func cancellingOnSignal<Value: Sendable>(_ body: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let task = Task { try await body() }
        let token = state.withLock { state in
            let token = state.nextToken
            state.nextToken += 1
            state.cancellations[token] = { task.cancel() }
            return token
        }
        let outcome = await task.result
        _ = state.withLock { $0.cancellations.removeValue(forKey: token) }
        return try outcome.get()
    }

    /// Ends kiln with `code`, unless a termination signal is being handled: then the signal's
    /// thread ends it (130/143) once the children are stopped, and this waits for that.
    public static func exit(_ code: Int32) -> Never {
        if handling.load(ordering: .sequentiallyConsistent) {
            commandEnded.store(true, ordering: .sequentiallyConsistent)
            while true { pause() }
        }
        Glibc.exit(code)
    }

    private static func waitForSignal(_ readEnd: Int32) {
        var byte: UInt8 = 0
        while true {
            let count = read(readEnd, &byte, 1)
            if count == 1 { break }
            if count < 0 && errno == EINTR { continue }
            return
        }
        let signal = Int32(byte)
        handling.store(true, ordering: .sequentiallyConsistent)
        let cancellations = state.withLock { Array($0.cancellations.values) }
        if !cancellations.isEmpty {
            cancellations.forEach { $0() }
            wait(until: { commandEnded.load(ordering: .sequentiallyConsistent) })
        }
        stopChildren()
        _exit(128 + signal)
    }

    private static func stopChildren() {
        let children = ChildProcessGroups.running
        guard !children.isEmpty else { return }
        children.signalAll(SIGTERM)
        // The threads waiting on each child reap it and take its group off the list.
        wait(until: { children.isEmpty })
        children.signalAll(SIGKILL)
    }

    private static func wait(until done: () -> Bool) {
        let deadline = ContinuousClock.now.advanced(by: gracePeriod)
        while !done() && ContinuousClock.now < deadline { usleep(10_000) }
    }
}
