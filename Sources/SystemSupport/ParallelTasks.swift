#if canImport(Glibc)
import Glibc
#endif

/// Runs tasks that discover more tasks (making a directory tree: a directory's children can be
/// made once it exists) on a few OS threads, until none are left.
///
/// Off Swift's cooperative pool for the reason `ParallelLoop` gives. The calling thread takes
/// part. After the first error no new task starts; tasks already running finish, and that first
/// error is thrown.
public enum ParallelTasks {
    public static func run<Task: Sendable, Failure: Error>(
        _ initial: [Task], width: Int = ParallelLoop.defaultWidth, _ body: @Sendable (Task) throws(Failure) -> [Task]
    ) throws(Failure) {
        guard !initial.isEmpty else { return }
        let queue = TaskQueue<Task, Failure>(initial)
        JoinableThread.runEverywhere(width: width) {
            while let task = queue.take() {
                do throws(Failure) {
                    queue.finish(adding: try body(task))
                } catch {
                    queue.fail(error)
                }
            }
        }
        if let failure = queue.failure { throw failure }
    }
}

/// The shared queue: a mutex and a condition that idle threads wait on while tasks still
/// running may add more.
private final class TaskQueue<Task: Sendable, Failure: Error>: @unchecked Sendable {
    // Every stored property below is read and written only with `mutex` held.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var pending: [Task]
    private var running = 0
    private var firstFailure: Failure?

    init(_ initial: [Task]) {
        pending = initial
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    var failure: Failure? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return firstFailure
    }

    /// The next task, waiting while the queue is empty but running tasks may add to it; nil when
    /// all work is done or a task failed.
    func take() -> Task? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while pending.isEmpty && running > 0 && firstFailure == nil {
            pthread_cond_wait(condition, mutex)
        }
        guard firstFailure == nil, let task = pending.popLast() else {
            pthread_cond_broadcast(condition)
            return nil
        }
        running += 1
        return task
    }

    func finish(adding tasks: [Task]) {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        running -= 1
        pending.append(contentsOf: tasks)
        pthread_cond_broadcast(condition)
    }

    func fail(_ error: Failure) {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        running -= 1
        if firstFailure == nil { firstFailure = error }
        pthread_cond_broadcast(condition)
    }
}
