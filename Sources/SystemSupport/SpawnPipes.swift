#if canImport(Glibc)
import Glibc
#endif
import CSystem

/// The pipes between kiln and one child: stdin fed from memory, stdout/stderr captured (or sent to
/// a log file). `pump` services all of them with `poll` so that neither side can block the other.
struct SpawnPipes {
    private var stdinRead: Int32 = -1
    private var stdinWrite: Int32 = -1
    private var stdoutRead: Int32 = -1
    private var stdoutWrite: Int32 = -1
    private var stderrRead: Int32 = -1
    private var stderrWrite: Int32 = -1
    private var logFile: Int32 = -1
    private var pendingInput: [UInt8]
    private var inputOffset = 0
    private(set) var stdoutBytes: [UInt8] = []
    private(set) var stderrBytes: [UInt8] = []

    init(invocation: ProcessInvocation) throws(ProcessError) {
        pendingInput = invocation.standardInput ?? []
        do throws(ProcessError) {
            if invocation.standardInput != nil {
                (stdinRead, stdinWrite) = try Self.makePipe()
            }
            switch invocation.output {
            case .capture:
                (stdoutRead, stdoutWrite) = try Self.makePipe()
                (stderrRead, stderrWrite) = try Self.makePipe()
            case .appendToFile(let path):
                logFile = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
                if logFile < 0 { throw .io(SystemCallError("cannot open log", path: path)) }
            }
        } catch {
            closeAll()
            throw error
        }
    }

    private static func makePipe() throws(ProcessError) -> (Int32, Int32) {
        var fds: [Int32] = [-1, -1]
        guard kiln_pipe_cloexec(&fds) == 0 else { throw .io(SystemCallError("cannot create pipe")) }
        return (fds[0], fds[1])
    }

    func addChildActions(_ actions: inout posix_spawn_file_actions_t) {
        if stdinRead >= 0 {
            posix_spawn_file_actions_adddup2(&actions, stdinRead, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        if logFile >= 0 {
            posix_spawn_file_actions_adddup2(&actions, logFile, 1)
            posix_spawn_file_actions_adddup2(&actions, logFile, 2)
        } else {
            posix_spawn_file_actions_adddup2(&actions, stdoutWrite, 1)
            posix_spawn_file_actions_adddup2(&actions, stderrWrite, 2)
        }
    }

    mutating func closeChildEnds() {
        Self.closeIfOpen(&stdinRead)
        Self.closeIfOpen(&stdoutWrite)
        Self.closeIfOpen(&stderrWrite)
        Self.closeIfOpen(&logFile)
        if stdinWrite >= 0 {
            _ = fcntl(stdinWrite, F_SETFL, fcntl(stdinWrite, F_GETFL) | O_NONBLOCK)
            if pendingInput.isEmpty { Self.closeIfOpen(&stdinWrite) }
        }
    }

    /// Moves bytes until the child closes its outputs. Returns false if `deadline` passed first.
    mutating func pump(until deadline: ContinuousClock.Instant?) throws(ProcessError) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while stdoutRead >= 0 || stderrRead >= 0 || stdinWrite >= 0 {
            var fds: [pollfd] = []
            if stdoutRead >= 0 { fds.append(pollfd(fd: stdoutRead, events: Int16(POLLIN), revents: 0)) }
            if stderrRead >= 0 { fds.append(pollfd(fd: stderrRead, events: Int16(POLLIN), revents: 0)) }
            if stdinWrite >= 0 { fds.append(pollfd(fd: stdinWrite, events: Int16(POLLOUT), revents: 0)) }
            var timeoutMilliseconds: Int32 = -1
            if let deadline {
                let remaining = ContinuousClock.now.duration(to: deadline)
                if remaining <= .zero { return false }
                let (seconds, attoseconds) = remaining.components
                timeoutMilliseconds = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
            }
            let ready = poll(&fds, nfds_t(fds.count), timeoutMilliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                throw .io(SystemCallError("poll"))
            }
            if ready == 0 { continue }
            for entry in fds where entry.revents != 0 {
                if entry.fd == stdinWrite {
                    feedInput()
                } else if entry.fd == stdoutRead {
                    drain(&stdoutRead, into: &stdoutBytes, buffer: &buffer)
                } else if entry.fd == stderrRead {
                    drain(&stderrRead, into: &stderrBytes, buffer: &buffer)
                }
            }
        }
        return true
    }

    private mutating func feedInput() {
        let written = pendingInput.withUnsafeBytes { raw in
            write(stdinWrite, raw.baseAddress.map { $0 + inputOffset }, raw.count - inputOffset)
        }
        if written > 0 { inputOffset += written }
        if written < 0 && errno != EAGAIN && errno != EINTR { inputOffset = pendingInput.count }
        if inputOffset >= pendingInput.count { Self.closeIfOpen(&stdinWrite) }
    }

    private func drainOnce(_ fd: Int32, into bytes: inout [UInt8], buffer: inout [UInt8]) -> Int {
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count > 0 { bytes.append(contentsOf: buffer[0..<count]) }
        return count
    }

    private func drain(_ fd: inout Int32, into bytes: inout [UInt8], buffer: inout [UInt8]) {
        let count = drainOnce(fd, into: &bytes, buffer: &buffer)
        if count == 0 || (count < 0 && errno != EINTR && errno != EAGAIN) {
            Self.closeIfOpen(&fd)
        }
    }

    mutating func closeAll() {
        Self.closeIfOpen(&stdinRead)
        Self.closeIfOpen(&stdinWrite)
        Self.closeIfOpen(&stdoutRead)
        Self.closeIfOpen(&stdoutWrite)
        Self.closeIfOpen(&stderrRead)
        Self.closeIfOpen(&stderrWrite)
        Self.closeIfOpen(&logFile)
    }

    private static func closeIfOpen(_ fd: inout Int32) {
        if fd >= 0 { close(fd) }
        fd = -1
    }
}
