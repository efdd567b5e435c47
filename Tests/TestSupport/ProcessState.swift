import Foundation

/// Whether a process still runs, read from /proc: alive and not a zombie (a container's init may
/// be slow to reap orphans, and `kill(pid, 0)` succeeds on a zombie).
public enum ProcessState {
    public static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(close, offsetBy: 2)...].prefix(1)
        return state != "Z" && state != "X"
    }
}
