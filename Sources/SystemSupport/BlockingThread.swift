#if canImport(Glibc)
import Glibc
#endif

/// A detached OS thread for work that blocks (waiting on a child process), kept off Swift's
/// cooperative thread pool, which has only as many threads as cores.
public final class BlockingThread: Sendable {
    private let body: @Sendable () -> Void

    public init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
    }

    public func start() {
        let context = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            let owner = Unmanaged<BlockingThread>.fromOpaque(raw).takeRetainedValue()
            owner.body()
            return nil
        }, context)
        if status == 0 {
            pthread_detach(thread)
        } else {
            // No thread could be made: do the work here rather than never.
            Unmanaged<BlockingThread>.fromOpaque(context).release()
            body()
        }
    }
}
