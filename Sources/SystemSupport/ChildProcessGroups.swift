#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The process groups of the children kiln is running (each child leads its own group, see
/// `ProcessRunner`), so that SIGINT/SIGTERM can stop them before kiln exits.
///
/// This is the one piece of process-wide mutable state in kiln, and deliberately so: a signal
/// is delivered to the process, not to an operation, and what it must reach is every child of
/// the process, whichever operation started it.
public final class ChildProcessGroups: Sendable {
    public static let running = ChildProcessGroups()

    private let groups = Mutex<Set<pid_t>>([])

    private init() {}

    func add(_ group: pid_t) {
        groups.withLock { _ = $0.insert(group) }
    }

    func remove(_ group: pid_t) {
        groups.withLock { _ = $0.remove(group) }
    }

    var isEmpty: Bool { groups.withLock { $0.isEmpty } }

    /// Sends `signal` to every group still running.
    func signalAll(_ signal: Int32) {
        for group in groups.withLock({ $0 }) { kill(-group, signal) }
    }
}
