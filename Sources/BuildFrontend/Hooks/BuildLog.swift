#if canImport(Glibc)
import Glibc
#endif
import SystemSupport

/// The file a build's backend output goes to: every hook appends to it; on failure its tail is
/// shown and the file is kept.
public struct BuildLog: Sendable {
    public static let tailLineCount = 40
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// A line kiln itself adds (which hook starts), so the log reads as a transcript.
    func note(_ text: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        defer { close(fd) }
        try? FileSystem.writeAll(fd: fd, bytes: Array(("[kiln] " + text + "\n").utf8), path: path)
    }

    /// The size now: where a reader that streams the log picks up.
    var size: Int64 {
        (try? FileStatus.of(path))??.size ?? 0
    }

    /// The bytes appended since `offset`.
    func read(from offset: Int64) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var position = offset
        while true {
            let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(position)) }
            if count <= 0 { break }
            result += buffer.prefix(count)
            position += Int64(count)
        }
        return result
    }

    /// How much of the log's end the tail and the hints read: a C build's log can be large.
    static let readLimit: Int64 = 1 << 20

    /// The last `count` lines.
    public func tail(_ count: Int = BuildLog.tailLineCount) -> [String] {
        let lines = String(decoding: read(from: max(0, size - Self.readLimit)), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let trimmed = lines.last == "" ? Array(lines.dropLast()) : lines
        return Array(trimmed.suffix(count))
    }

    /// The lines of the log's last megabyte (the first may be cut), for the failure hints.
    public func lines() -> [String] {
        String(decoding: read(from: max(0, size - Self.readLimit)), as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
