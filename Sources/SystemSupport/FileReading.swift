#if canImport(Glibc)
import Glibc
#endif

/// The two ways kiln reads files: whole, a chunk at a time; or a range at an offset. EINTR is
/// retried, every other failure is a `SystemCallError` naming the file.
extension FileSystem {
    /// Calls `body` with each chunk of the file at `path`, in order, until the end.
    public static func forEachChunk(
        of path: String, chunkSize: Int = 1 << 16, _ body: (UnsafeRawBufferPointer) -> Void
    ) throws(SystemCallError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemCallError("cannot open", path: path) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SystemCallError("cannot read", path: path)
            }
            if count == 0 { return }
            buffer.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
    }

    /// Up to `count` bytes from `offset` of the open file `fd` (fewer only at its end).
    public static func readRange(fd: Int32, offset: UInt64, count: Int, path: String) throws(SystemCallError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return pread(fd, base + done, count - done, off_t(offset) + off_t(done))
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw SystemCallError("cannot read", path: path)
            }
            if got == 0 { break }
            done += got
        }
        return Array(buffer.prefix(done))
    }
}
