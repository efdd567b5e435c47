#if canImport(Glibc)
import Glibc
#endif
import CSystem
import SystemSupport

/// How files come from the unpacked wheel into the environment.
public enum LinkMode: String, Sendable, CaseIterable {
    /// Hard link from the cache; falls back to copying for good once linking fails (another file system).
    case hardlink
    case copy
}

/// Where a staged file's bytes come from.
enum StagedSource: Sendable, Equatable {
    case cacheFile(String)
    case generated([UInt8], executable: Bool)
}

struct PlannedFile: Sendable, Equatable {
    let source: StagedSource
    let destination: String
}

/// Writes one staged file under its temporary name. A link failure that means "not here"
/// (EXDEV, EPERM, EMLINK) switches every later file to copying, so one probe decides.
struct FilePlacer {
    private(set) var mode: LinkMode

    init(mode: LinkMode) { self.mode = mode }

    mutating func place(_ source: StagedSource, at temporary: String) throws(SystemCallError) {
        switch source {
        case .generated(let bytes, let executable):
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, executable ? 0o755 : 0o644)
            guard fd >= 0 else { throw SystemCallError("cannot create", path: temporary) }
            defer { close(fd) }
            try FileSystem.writeAll(fd: fd, bytes: bytes, path: temporary)
        case .cacheFile(let path):
            if mode == .hardlink {
                if link(path, temporary) == 0 { return }
                let code = errno
                guard code == EXDEV || code == EPERM || code == EMLINK || code == ENOTSUP else {
                    throw SystemCallError("cannot link \(path) to", path: temporary, code: code)
                }
                mode = .copy
            }
            try Self.copy(path, to: temporary)
        }
    }

    static func copy(_ source: String, to destination: String) throws(SystemCallError) {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw SystemCallError("cannot open", path: source) }
        defer { close(input) }
        var info = stat()
        guard fstat(input, &info) == 0 else { throw SystemCallError("cannot stat", path: source) }
        let output = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, info.st_mode & 0o777)
        guard output >= 0 else { throw SystemCallError("cannot create", path: destination) }
        defer { close(output) }
        var remaining = Int(info.st_size)
        while remaining > 0 {
            let copied = kiln_copy_file_range(input, output, remaining)
            if copied > 0 { remaining -= copied; continue }
            if copied == 0 { break }
            if errno == EINTR { continue }
            // Not supported between these files: plain read/write from where we are.
            return try readWriteCopy(input, output, destination: destination)
        }
    }

    private static func readWriteCopy(_ input: Int32, _ output: Int32, destination: String) throws(SystemCallError) {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SystemCallError("cannot read while copying to", path: destination)
            }
            if count == 0 { return }
            try FileSystem.writeAll(fd: output, bytes: Array(buffer[0..<count]), path: destination)
        }
    }
}
