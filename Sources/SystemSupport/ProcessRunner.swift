#if canImport(Glibc)
import Glibc
#endif
import CSystem
import Synchronization

/// Runs child processes with `posix_spawn` (a fraction of Foundation.Process's cost per spawn).
/// The child gets its own process group so that a timeout stops everything it started.
public enum ProcessRunner {
    /// Runs on a thread of its own, so a long build never occupies a cooperative-pool thread.
    public static func run(_ invocation: ProcessInvocation) async throws(ProcessError) -> ProcessResult {
        let outcome: Result<ProcessResult, ProcessError> = await withCheckedContinuation { continuation in
            let thread = BlockingThread {
                do throws(ProcessError) {
                    continuation.resume(returning: .success(try runBlocking(invocation)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
            thread.start()
        }
        return try outcome.get()
    }

    /// Like `run`, but cancelling the calling task kills the child's process group (SIGKILL)
    /// and the result reports the signal.
    public static func runCancellable(_ invocation: ProcessInvocation) async throws(ProcessError) -> ProcessResult {
        let handle = ChildHandle()
        let outcome: Result<ProcessResult, ProcessError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let thread = BlockingThread {
                    do throws(ProcessError) {
                        let result = try runBlocking(invocation, handle: handle)
                        continuation.resume(returning: .success(result))
                    } catch {
                        continuation.resume(returning: .failure(error))
                    }
                }
                thread.start()
            }
        } onCancel: {
            handle.kill()
        }
        return try outcome.get()
    }

    public static func runBlocking(_ invocation: ProcessInvocation) throws(ProcessError) -> ProcessResult {
        try runBlocking(invocation, handle: nil)
    }

    private static func runBlocking(_ invocation: ProcessInvocation, handle: ChildHandle?) throws(ProcessError) -> ProcessResult {
        var pipes = try SpawnPipes(invocation: invocation)
        defer { pipes.closeAll() }
        let pid = try spawn(invocation, pipes: &pipes)
        // Known to the signal handling until reaped, so Ctrl-C or SIGTERM stops it too.
        ChildProcessGroups.running.add(pid)
        defer { ChildProcessGroups.running.remove(pid) }
        handle?.started(pid)
        defer { handle?.finished() }
        pipes.closeChildEnds()
        let deadline = invocation.timeout.map { ContinuousClock.now.advanced(by: $0) }
        // Pipes close when the child exits (or hands them on); then reap it, still within the deadline.
        guard try pipes.pump(until: deadline), let termination = waitFor(pid, until: deadline) else {
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
            _ = waitFor(pid, until: nil)
            throw .timedOut(executable: invocation.executable, after: invocation.timeout ?? .zero)
        }
        return ProcessResult(termination: termination, standardOutput: pipes.stdoutBytes, standardError: pipes.stderrBytes)
    }

    private static func spawn(_ invocation: ProcessInvocation, pipes: inout SpawnPipes) throws(ProcessError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        pipes.addChildActions(&actions)
        if let directory = invocation.workingDirectory {
            kiln_spawn_file_actions_addchdir(&actions, directory)
        }
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGQUIT, SIGCHLD] { sigaddset(&defaultSignals, signal) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = CStringArray([invocation.executable] + invocation.arguments)
        let environment = invocation.environment.map { $0.map { "\($0.key)=\($0.value)" }.sorted() }
        let envp = environment.map(CStringArray.init)
        var pid = pid_t()
        var status: Int32 = 0
        // ETXTBSY: a script just written by another thread may still be open for writing in a
        // child forked meanwhile (its descriptor closes at that child's exec). It clears in moments.
        for attempt in 0..<20 {
            status = argv.withPointers { argvPointer in
                if let envp {
                    return envp.withPointers { posix_spawn(&pid, invocation.executable, &actions, &attributes, argvPointer, $0) }
                }
                return posix_spawn(&pid, invocation.executable, &actions, &attributes, argvPointer, environ)
            }
            guard status == ETXTBSY else { break }
            usleep(UInt32(1_000 * (attempt + 1)))
        }
        guard status == 0 else {
            throw .spawnFailed(executable: invocation.executable, SystemCallError("cannot run", path: invocation.executable, code: status))
        }
        return pid
    }

    /// Reaps `pid`; nil if `deadline` passes first.
    private static func waitFor(_ pid: pid_t, until deadline: ContinuousClock.Instant?) -> ProcessTermination? {
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, deadline == nil ? 0 : WNOHANG)
            if reaped == pid { break }
            if reaped < 0 && errno != EINTR { return .exited(-1) }
            if let deadline {
                if ContinuousClock.now >= deadline { return nil }
                usleep(5_000)
            }
        }
        let signal = status & 0x7F
        if signal == 0 { return .exited((status >> 8) & 0xFF) }
        return .signalled(signal)
    }
}

/// The running child of `runCancellable`, so cancellation can kill its process group. The pid is
/// forgotten as soon as the runner returns (a cancellation racing the reap may signal a pid that
/// has just been released; the child's group is gone by then in all but that instant).
private final class ChildHandle: Sendable {
    private struct State {
        var pid: pid_t?
        var cancelled = false
    }
    private let state = Mutex(State())

    func started(_ pid: pid_t) {
        let cancelled = state.withLock { state in
            state.pid = pid
            return state.cancelled
        }
        if cancelled { Self.signal(pid) }
    }

    func finished() {
        state.withLock { $0.pid = nil }
    }

    func kill() {
        let pid = state.withLock { state in
            state.cancelled = true
            return state.pid
        }
        if let pid { Self.signal(pid) }
    }

    private static func signal(_ pid: pid_t) {
        Glibc.kill(-pid, SIGKILL)
        Glibc.kill(pid, SIGKILL)
    }
}

/// NUL-terminated C string arrays for argv/envp, freed when the value goes away.
private final class CStringArray {
    private let storage: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    private let count: Int

    init(_ strings: [String]) {
        count = strings.count
        storage = .allocate(capacity: strings.count + 1)
        for (index, string) in strings.enumerated() { storage[index] = strdup(string) }
        storage[strings.count] = nil
    }

    deinit {
        for index in 0..<count { free(storage[index]) }
        storage.deallocate()
    }

    func withPointers<R>(_ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        body(storage)
    }
}
