#if canImport(Glibc)
import Glibc
#endif
import CSystem
import Synchronization

/// SIGINT and SIGTERM end kiln the way users expect from a build tool: the children it started
/// (build backends, interpreter probes, byte-compilers; each in a process group of its own, which
/// a terminal's Ctrl-C does not reach) are stopped, and kiln exits 130 or 143. Caches and
/// environments need no cleanup here: every cache entry is published by rename and every
/// environment change is journaled, so they are as consistent as after a SIGKILL, which the next
/// run completes or rolls back. SIGPIPE is ignored: a closed stdout is an error on write, not death.
public enum TerminationSignals {
    /// How long children get to exit after SIGTERM before they are killed.
    static let gracePeriod: Duration = .seconds(2)

    /// Set once a signal is being handled: from then on the signal decides kiln's exit status,
    /// not the failure that stopping the children causes in the command.
    private static let handling = Atomic<Bool>(false)

    /// Call once, first thing in `main`.
    public static func install() {
        let readEnd = kiln_termination_signals_install()
        guard readEnd >= 0 else { return }
        BlockingThread { waitForSignal(readEnd) }.start()
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
        stopChildren()
        _exit(128 + signal)
    }

    /// Ends kiln with `code`, unless a termination signal is being handled: then the signal's
    /// thread ends it (130/143) once the children are stopped, and this waits for that.
    public static func exit(_ code: Int32) -> Never {
        while handling.load(ordering: .sequentiallyConsistent) { pause() }
        Glibc.exit(code)
    }

    private static func stopChildren() {
        let children = ChildProcessGroups.running
        guard !children.isEmpty else { return }
        children.signalAll(SIGTERM)
        let deadline = ContinuousClock.now.advanced(by: gracePeriod)
        // The threads waiting on each child reap it and take its group off the list.
        while !children.isEmpty && ContinuousClock.now < deadline { usleep(10_000) }
        children.signalAll(SIGKILL)
    }
}
