import PackagingModel

/// The part of a failed resolution's report that lists each failed build of one package: its
/// phase, its one-line reason and the last lines of its log, so the user sees why every
/// version was passed over without re-running anything.
enum BuildFailureListing {
    /// At most this many log lines per build: enough for a traceback's end.
    static let logLines = 10

    static func text(_ name: PackageName, _ failures: [(version: Version, reason: UnusableReason)]) -> String {
        var lines = ["\(failures.count) build\(failures.count == 1 ? "" : "s") of \(name) failed:"]
        for (version, reason) in failures {
            guard case .buildFailed(let failure) = reason else {
                lines.append("  \(name) \(version): \(reason)")
                continue
            }
            let hook = failure.hook.map { " (\($0))" } ?? ""
            lines.append("  \(name) \(version): failed in \(failure.phase)\(hook): \(failure.message)")
            var kept = failure.logTail
            while let last = kept.last, !last.contains(where: { !$0.isWhitespace }) { kept.removeLast() }
            let tail = kept.suffix(logLines)
            if !tail.isEmpty {
                lines.append("    last \(tail.count) line\(tail.count == 1 ? "" : "s") of its build log:")
                lines += tail.map { "      " + $0 }
            }
            if let path = failure.logPath { lines.append("    full log: \(path)") }
        }
        return lines.joined(separator: "\n")
    }
}
