#if canImport(Glibc)
import Glibc
#endif

/// The name `FileSystem.temporarySibling` gives a file or directory being produced:
/// `.<entry>.tmp-<pid>-<random>`. Recognising it lets `obtain` and `prune` remove what a killed
/// process left behind without touching a temporary another process is still writing.
struct CacheTemporaryName: Equatable, Sendable {
    /// The name of the entry the temporary was going to become.
    let entryName: String
    /// The process that created it.
    let processID: Int32

    /// A temporary left for this long is abandoned even if its pid is alive: the pid has been
    /// reused, or the writer lives in another pid namespace (a container sharing the cache).
    static let abandonedAfterSeconds: Int64 = 3600

    init?(parsing name: String) {
        let bytes = Array(name.utf8)
        let marker = Array(".tmp-".utf8)
        guard bytes.first == UInt8(ascii: "."), bytes.count > marker.count + 1 else { return nil }
        // The last ".tmp-": an entry's own name may contain the marker, the pid-random tail cannot.
        guard let start = stride(from: bytes.count - marker.count, through: 1, by: -1)
            .first(where: { bytes[$0..<($0 + marker.count)].elementsEqual(marker) })
        else { return nil }
        let entry = bytes[1..<start]
        let tail = bytes[(start + marker.count)...].split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard !entry.isEmpty, tail.count == 2,
            tail.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }),
            let pid = Int32(String(decoding: tail[0], as: UTF8.self)), pid > 0
        else { return nil }
        entryName = String(decoding: entry, as: UTF8.self)
        processID = pid
    }

    /// True when no live process can still be writing it: its creator is gone, or it is older
    /// than `abandonedAfterSeconds`.
    func isAbandoned(modifiedAt modified: CacheTimestamp, now: CacheTimestamp) -> Bool {
        if now.seconds(since: modified) > Self.abandonedAfterSeconds { return true }
        return !Self.isAlive(processID)
    }

    /// `kill(pid, 0)` probes without signalling; EPERM means it exists but belongs to someone else.
    static func isAlive(_ pid: Int32) -> Bool {
        if kill(pid, 0) == 0 { return true }
        return errno == EPERM
    }
}
