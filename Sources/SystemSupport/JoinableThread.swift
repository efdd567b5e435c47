#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A pthread that runs one closure and is joined by its creator.
public final class JoinableThread: Sendable {
    private let body: @Sendable () -> Void
    private let handle = Mutex<pthread_t?>(nil)

    private init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
    }

    /// Nil when no thread could be made; the caller's own share of the loop still runs everything.
    public static func start(_ body: @escaping @Sendable () -> Void) -> JoinableThread? {
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

    /// Waits for the thread to end. Call it once.
    public func join() {
        guard let thread = handle.withLock({ $0 }) else { return }
        pthread_join(thread, nil)
    }

    /// Waits for the thread to end without holding a cooperative-pool thread meanwhile.
    public func joinAsync() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            BlockingThread {
                self.join()
                continuation.resume()
            }.start()
        }
    }
}

extension JoinableThread {
    /// Runs `work` on the calling thread and on `width - 1` new threads, and returns when every
    /// copy has returned. `work` is expected to take its items from shared state until none are left.
    static func runEverywhere(width: Int, _ work: @Sendable () -> Void) {
        withoutActuallyEscaping(work) { work in
            let helpers = (1..<max(width, 1)).compactMap { _ in JoinableThread.start(work) }
            work()
            helpers.forEach { $0.join() }
        }
    }
}
