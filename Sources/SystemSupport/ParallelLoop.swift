#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Runs `body(0..<count)` on a few OS threads that take the next index as they finish one.
///
/// For work that is one system call per item (linking ten thousand files, making a thousand
/// directories): the kernel does such calls for several threads at once, so the wall time drops
/// with the width even on two cores. Kept off Swift's cooperative pool, whose threads must not
/// block. The calling thread takes part; the call returns when every started item has finished.
public enum ParallelLoop {
    /// A width that keeps every core busy while some threads sit in the kernel waiting on I/O.
    public static var defaultWidth: Int {
        let cores = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        return min(max(cores * 2, 2), 16)
    }

    /// Stops taking new items after the first error (items already running finish) and throws
    /// the error of the lowest index among those that failed, so a failure reads the same
    /// whichever thread met it first.
    public static func run<Failure: Error>(
        count: Int, width: Int = defaultWidth, _ body: @Sendable (Int) throws(Failure) -> Void
    ) throws(Failure) {
        guard count > 0 else { return }
        let state = LoopState<Failure>()
        let threads = min(width, count)
        withoutActuallyEscaping(body) { body in
            let work: @Sendable () -> Void = {
                while !state.stopped.load(ordering: .relaxed) {
                    let index = state.next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard index < count else { return }
                    do throws(Failure) {
                        try body(index)
                    } catch {
                        state.record(error, at: index)
                    }
                }
            }
            let helpers = (1..<max(threads, 1)).compactMap { _ in JoinableThread.start(work) }
            work()
            helpers.forEach { $0.join() }
        }
        if let failure = state.firstFailure() { throw failure }
    }
}

private final class LoopState<Failure: Error>: Sendable {
    let next = Atomic<Int>(0)
    let stopped = Atomic<Bool>(false)
    private let failures = Mutex<[(index: Int, error: Failure)]>([])

    func record(_ error: Failure, at index: Int) {
        stopped.store(true, ordering: .relaxed)
        failures.withLock { $0.append((index, error)) }
    }

    func firstFailure() -> Failure? {
        failures.withLock { $0.min { $0.index < $1.index }?.error }
    }
}

/// A pthread that runs one closure and is joined by its creator.
private final class JoinableThread: Sendable {
    private let body: @Sendable () -> Void
    private let handle = Mutex<pthread_t?>(nil)

    private init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
    }

    /// Nil when no thread could be made; the caller's own share of the loop still runs everything.
    static func start(_ body: @escaping @Sendable () -> Void) -> JoinableThread? {
        let owner = JoinableThread(body)
        let context = Unmanaged.passRetained(owner).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            Unmanaged<JoinableThread>.fromOpaque(raw).takeRetainedValue().body()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<JoinableThread>.fromOpaque(context).release()
            return nil
        }
        owner.handle.withLock { $0 = thread }
        return owner
    }

    func join() {
        guard let thread = handle.withLock({ $0 }) else { return }
        pthread_join(thread, nil)
    }
}
