import Foundation

/// Writes small shell scripts that tests then run as fake interpreters.
///
/// The file descriptor is opened close-on-exec: tests run in parallel, and a child spawned by
/// another test while the script is open for writing would inherit the descriptor and make
/// running the script fail with "Text file busy" (ETXTBSY) for as long as that child lives.
public enum ExecutableScript {
    public static func write(_ body: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        let bytes = Array(("#!/bin/sh\n" + body + "\n").utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw POSIXError(.EIO) }
        fchmod(fd, 0o755)
    }
}
