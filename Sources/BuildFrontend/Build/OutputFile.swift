#if canImport(Glibc)
import Glibc
#endif
import SystemSupport

/// Places a finished file in a directory a user reads: under a temporary name, then one rename,
/// so nobody sees half a wheel. `mayLink`: a hard link when the file systems allow (for sources
/// about to be deleted); never for a cache entry, which a user's later edit of the output must
/// not change.
enum OutputFile {
    static func place(_ source: String, into directory: String, as filename: String, mayLink: Bool) throws(BuildError) -> String {
        let destination = FileSystem.join(directory, filename)
        do {
            try FileSystem.createDirectories(directory)
        } catch {
            throw .io(error)
        }
        let temporary = FileSystem.temporarySibling(of: destination)
        if !mayLink || link(source, temporary) != 0 {
            do {
                try copy(source, to: temporary)
            } catch {
                unlink(temporary)
                throw .io(error)
            }
        }
        guard rename(temporary, destination) == 0 else {
            let failure = SystemCallError("cannot rename into", path: destination)
            unlink(temporary)
            throw .io(failure)
        }
        return destination
    }

    static func copy(_ source: String, to destination: String) throws(SystemCallError) {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw SystemCallError("cannot open", path: source) }
        defer { close(input) }
        let output = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard output >= 0 else { throw SystemCallError("cannot create", path: destination) }
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw SystemCallError("cannot read", path: source)
            }
            try FileSystem.writeAll(fd: output, bytes: Array(buffer.prefix(count)), path: destination)
        }
        guard fsync(output) == 0 else { throw SystemCallError("cannot flush", path: destination) }
    }
}
