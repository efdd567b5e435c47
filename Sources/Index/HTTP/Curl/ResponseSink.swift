#if canImport(Glibc)
import Glibc
#endif
import SystemSupport

/// Where a response body goes. A file sink outlives a single attempt: the bytes already on disk
/// (and already hashed) stay when a transfer breaks, so the next attempt can ask for the rest
/// with `Range` and keep hashing where it stopped.
final class ResponseSink: @unchecked Sendable {
    // Touched only by the curl loop thread while a transfer runs, and by the client between
    // attempts (never both at once: an attempt's completion hands it back).
    enum Target {
        case memory([UInt8])
        case file(path: String, descriptor: Int32)
    }

    private(set) var target: Target
    private var hasher = SHA256Hasher()
    /// Bytes of the current representation kept so far (file length for file sinks).
    private(set) var storedBytes: Int64 = 0
    /// Set when a write to disk failed; the transfer is aborted and this is reported.
    private(set) var writeFailure: SystemCallError?

    static func memory() -> ResponseSink { ResponseSink(target: .memory([])) }

    static func file(_ path: String) throws(SystemCallError) -> ResponseSink {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SystemCallError("cannot create", path: path) }
        return ResponseSink(target: .file(path: path, descriptor: descriptor))
    }

    private init(target: Target) {
        self.target = target
    }

    deinit {
        if case .file(_, let descriptor) = target { close(descriptor) }
    }

    var isFile: Bool {
        if case .file = target { return true }
        return false
    }

    var memoryBody: [UInt8] {
        if case .memory(let bytes) = target { return bytes }
        return []
    }

    /// Drops everything kept so far: the server ignored our Range, or a page is fetched again.
    func reset() {
        switch target {
        case .memory:
            target = .memory([])
        case .file(_, let descriptor):
            _ = ftruncate(descriptor, 0)
            _ = lseek(descriptor, 0, SEEK_SET)
        }
        hasher = SHA256Hasher()
        storedBytes = 0
        writeFailure = nil
    }

    /// Returns false when the bytes could not be stored (the transfer is then aborted).
    func append(_ bytes: UnsafeRawBufferPointer) -> Bool {
        switch target {
        case .memory(var body):
            target = .memory([])
            body.append(contentsOf: bytes)
            target = .memory(body)
        case .file(let path, let descriptor):
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    writeFailure = SystemCallError("cannot write", path: path)
                    return false
                }
                offset += written
            }
            hasher.update(bytes)
        }
        storedBytes += Int64(bytes.count)
        return true
    }

    /// The SHA-256 of everything appended to a file sink; the sink cannot be appended to afterwards.
    func finishFile() throws(SystemCallError) -> String {
        guard case .file(let path, let descriptor) = target else { return "" }
        guard fsync(descriptor) == 0 else { throw SystemCallError("cannot flush", path: path) }
        var finished = SHA256Hasher()
        swap(&finished, &hasher)
        return finished.finalizeHex()
    }
}
