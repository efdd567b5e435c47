#if canImport(Glibc)
import Glibc
#endif
import Index
import Synchronization

/// Shows downloads on stderr. On a terminal: one live line per running download (bytes and rate),
/// redrawn in place, and a plain line when one finishes. Elsewhere (CI, Docker builds): only the
/// plain line per finished download, nothing animated. With -q: nothing.
final class ProgressRenderer: Sendable {
    private struct Screen: ~Copyable {
        /// Running downloads in the order they started.
        var running: [(label: String, progress: TransferProgress)] = []
        /// How many live lines are on screen now (to move the cursor back over them).
        var drawnLines = 0
    }

    private let console: Console
    private let screen = Mutex(Screen())

    init(console: Console) {
        self.console = console
    }

    /// The handler to give the index (`IndexEvents.progress`); nil under -q, so nothing is tracked.
    var handler: TransferProgressHandler? {
        guard console.verbosity >= .normal else { return nil }
        return { [self] progress in self.update(progress) }
    }

    func update(_ progress: TransferProgress) {
        screen.withLock { screen in
            var output = console.stderrIsTerminal ? Self.erase(screen.drawnLines) : ""
            if let index = screen.running.firstIndex(where: { $0.label == progress.label }) {
                if progress.isFinished {
                    screen.running.remove(at: index)
                } else {
                    screen.running[index].progress = progress
                }
            } else if !progress.isFinished {
                screen.running.append((progress.label, progress))
            }
            if progress.isFinished { output += Self.finishedLine(progress) + "\n" }
            screen.drawnLines = 0
            if console.stderrIsTerminal {
                for entry in screen.running {
                    output += Self.liveLine(entry.progress) + "\n"
                    screen.drawnLines += 1
                }
            }
            Self.writeToStandardError(output)
        }
    }

    static func liveLine(_ progress: TransferProgress) -> String {
        var line = "  \(progress.label)  \(CacheByteCount.format(progress.receivedBytes))"
        if let total = progress.totalBytes { line += " / \(CacheByteCount.format(total))" }
        line += "  \(CacheByteCount.format(Int64(progress.bytesPerSecond)))/s"
        return line
    }

    static func finishedLine(_ progress: TransferProgress) -> String {
        "Downloaded \(progress.label) (\(CacheByteCount.format(progress.receivedBytes)))"
    }

    /// Moves the cursor up over the live lines and clears them (ANSI CUU + ED).
    private static func erase(_ lines: Int) -> String {
        lines > 0 ? "\u{1B}[\(lines)A\u{1B}[0J" : ""
    }

    // The live region needs cursor control that `Console`'s line-oriented API does not offer;
    // this is still the CLI's presentation layer, the only one that prints.
    private static func writeToStandardError(_ text: String) {
        guard !text.isEmpty else { return }
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
            if written <= 0 {
                if written < 0 && errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}
