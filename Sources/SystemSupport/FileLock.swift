#if canImport(Glibc)
import Glibc
#endif

/// An advisory `flock(2)` lock on a file, held until `release()` or deinit.
///
/// flock, not fcntl record locks: record locks vanish when *any* descriptor of the file is closed
/// by the process, and Python's `fcntl.flock` interoperates with flock.
public final class FileLock: Sendable {
    public enum Mode: Sendable { case shared, exclusive }

    public let path: String
    private let descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Closing the descriptor drops the lock; deinit does the same when the last reference goes.
    public func release() {
        flock(descriptor, LOCK_UN)
    }

    /// Takes the lock without waiting, or returns nil if another process holds it.
    public static func tryAcquire(_ path: String, mode: Mode) throws(LockError) -> FileLock? {
        let fd = try openLockFile(path)
        if flock(fd, operation(mode) | LOCK_NB) == 0 {
            return FileLock(path: path, descriptor: fd)
        }
        let code = errno
        close(fd)
        if code == EWOULDBLOCK { return nil }
        throw .system(SystemCallError("cannot lock", path: path, code: code))
    }

    /// Takes the lock, trying first without blocking; if it is busy, tells `onWait` once (so the
    /// user learns what is being waited for) and polls until `timeout`, then fails naming `resource`.
    public static func acquire(
        _ path: String,
        mode: Mode,
        resource: String,
        timeout: Duration,
        onWait: (String) -> Void = { _ in }
    ) async throws(LockError) -> FileLock {
        if let lock = try tryAcquire(path, mode: mode) { return lock }
        onWait("Waiting for another kiln process to finish with \(resource) (lock \(path))")
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var delay = Duration.milliseconds(5)
        while clock.now < deadline {
            do {
                try await Task.sleep(for: delay)
            } catch {
                throw .cancelled(resource: resource)
            }
            if let lock = try tryAcquire(path, mode: mode) { return lock }
            delay = min(delay * 2, .milliseconds(100))
        }
        throw .timedOut(resource: resource, path: path, after: timeout)
    }

    private static func openLockFile(_ path: String) throws(LockError) -> Int32 {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0 {
            // A read-only cache (mounted into a container) still allows shared locks.
            let readOnly = open(path, O_RDONLY | O_CLOEXEC)
            if readOnly >= 0 { return readOnly }
            throw .system(SystemCallError("cannot open lock file", path: path))
        }
        return fd
    }

    private static func operation(_ mode: Mode) -> Int32 {
        switch mode {
        case .shared: return LOCK_SH
        case .exclusive: return LOCK_EX
        }
    }
}

public enum LockError: Error, Equatable, Sendable, CustomStringConvertible {
    case system(SystemCallError)
    case timedOut(resource: String, path: String, after: Duration)
    case cancelled(resource: String)

    public var description: String {
        switch self {
        case .system(let error):
            return error.description
        case .timedOut(let resource, let path, let after):
            return "timed out after \(after.components.seconds) s waiting for \(resource) (lock file \(path) is held by another process); set KILN_LOCK_TIMEOUT to wait longer"
        case .cancelled(let resource):
            return "cancelled while waiting for \(resource)"
        }
    }
}
