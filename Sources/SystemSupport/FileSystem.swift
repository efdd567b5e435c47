#if canImport(Glibc)
import Glibc
#endif

/// Small, typed wrappers over the file operations kiln uses everywhere. Every write that others may
/// read goes through `writeAtomically`: readers see the old file or the new one, never half of it.
public enum FileSystem {
    public static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    public static func isDirectory(_ path: String) -> Bool {
        (try? FileStatus.of(path))??.kind == .directory
    }

    public static func readBytes(_ path: String) throws(SystemCallError) -> [UInt8] {
        var result: [UInt8] = []
        try forEachChunk(of: path) { result.append(contentsOf: $0) }
        return result
    }

    public static func readText(_ path: String) throws(SystemCallError) -> String {
        String(decoding: try readBytes(path), as: UTF8.self)
    }

    /// Writes `bytes` to a temporary file in the destination's directory, flushes it, and renames it
    /// over `path`. `flush: false` skips the fsync, for files whose loss in a crash costs only
    /// recomputing them (readers see the old file or the new one whole, never a mix).
    public static func writeAtomically(
        _ bytes: [UInt8], to path: String, permissions: mode_t = 0o644, flush: Bool = true
    ) throws(SystemCallError) {
        let temporary = temporarySibling(of: path)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw SystemCallError("cannot create", path: temporary) }
        do throws(SystemCallError) {
            try writeAll(fd: fd, bytes: bytes, path: temporary)
            guard !flush || fsync(fd) == 0 else { throw SystemCallError("cannot flush", path: temporary) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let failure = SystemCallError("cannot rename into", path: path)
            unlink(temporary)
            throw failure
        }
    }

    public static func writeAtomically(_ text: String, to path: String, permissions: mode_t = 0o644) throws(SystemCallError) {
        try writeAtomically(Array(text.utf8), to: path, permissions: permissions)
    }

    public static func writeAll(fd: Int32, bytes: [UInt8], path: String) throws(SystemCallError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw SystemCallError("cannot write", path: path)
            }
            offset += written
        }
    }

    /// A name beside `path` that no other process uses: same directory (so `rename` is atomic),
    /// hidden, and marked with our pid and a random suffix.
    public static func temporarySibling(of path: String) -> String {
        let directory = parent(of: path)
        let name = basename(of: path)
        return join(directory, ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    }

    public static func createDirectories(_ path: String, permissions: mode_t = 0o755) throws(SystemCallError) {
        if isDirectory(path) { return }
        let up = parent(of: path)
        if up != path && !up.isEmpty && !isDirectory(up) {
            try createDirectories(up, permissions: permissions)
        }
        if mkdir(path, permissions) != 0 && errno != EEXIST {
            throw SystemCallError("cannot create directory", path: path)
        }
    }

    /// Where `d_name` starts in a `dirent` (19 on Linux: after inode, offset, length and type).
    private static let direntNameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name) ?? 19

    public static func listDirectory(_ path: String) throws(SystemCallError) -> [String] {
        guard let handle = opendir(path) else { throw SystemCallError("cannot list", path: path) }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            // Read the name in place, up to its NUL. Copying `d_name` (a 256-byte tuple) reads
            // past the end of a short record at the end of glibc's buffer: AddressSanitizer
            // reported it as a heap-buffer-overflow in `kiln python find`.
            let name = UnsafeRawPointer(entry).advanced(by: direntNameOffset).withMemoryRebound(to: CChar.self, capacity: 1) {
                String(cString: $0)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Removes a file or a whole tree. Read-only directories (0555) and files (0444), as left by
    /// some build backends and by kiln's own archive store, are made writable first.
    public static func removeTree(_ path: String) throws(SystemCallError) {
        guard let status = try FileStatus.of(path, followSymlinks: false) else { return }
        if status.kind == .directory {
            if status.mode & 0o700 != 0o700 { _ = chmod(path, mode_t(status.mode | 0o700)) }
            for name in try listDirectory(path) {
                try removeTree(join(path, name))
            }
            if rmdir(path) != 0 && errno != ENOENT { throw SystemCallError("cannot remove", path: path) }
        } else if unlink(path) != 0 && errno != ENOENT {
            throw SystemCallError("cannot remove", path: path)
        }
    }

    public static func realPath(_ path: String) throws(SystemCallError) -> String {
        guard let resolved = realpath(path, nil) else { throw SystemCallError("cannot resolve", path: path) }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    public static func currentDirectory() -> String {
        guard let cwd = getcwd(nil, 0) else { return "." }
        defer { free(cwd) }
        return String(cString: cwd)
    }

    public static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : join(currentDirectory(), path)
    }

    public static func join(_ base: String, _ component: String) -> String {
        if base.isEmpty { return component }
        if component.hasPrefix("/") { return component }
        return base.hasSuffix("/") ? base + component : base + "/" + component
    }

    public static func parent(of path: String) -> String {
        let bytes = path.utf8
        let end = endTrimmingSlashes(bytes)
        guard let slash = bytes[..<end].lastIndex(of: UInt8(ascii: "/")) else { return "." }
        if slash == bytes.startIndex { return "/" }
        return String(path[..<slash])
    }

    public static func basename(of path: String) -> String {
        let bytes = path.utf8
        let end = endTrimmingSlashes(bytes)
        guard let slash = bytes[..<end].lastIndex(of: UInt8(ascii: "/")) else { return String(path[..<end]) }
        return String(path[bytes.index(after: slash)..<end])
    }

    /// Where the path ends without its trailing slashes, except a lone "/". On UTF-8 bytes, where
    /// "/" is one byte and a native string indexes in constant time.
    private static func endTrimmingSlashes(_ bytes: String.UTF8View) -> String.Index {
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes.index(before: end) > bytes.startIndex,
              bytes[bytes.index(before: end)] == UInt8(ascii: "/") {
            end = bytes.index(before: end)
        }
        return end
    }
}
