#if canImport(Glibc)
import Glibc
#endif
import Index
import Services
import Synchronization

/// Shows downloads and builds on stderr. On a terminal: one live line per running download
/// (bytes and rate) and per running build (a spinner), redrawn in place, and a plain line when
/// one finishes. Elsewhere (CI, Docker builds): only plain lines, nothing animated and no escape
/// codes. With -q: nothing.
final class ProgressRenderer: Sendable {
    private struct Screen: ~Copyable {
        /// Running downloads in the order they started.
        var running: [(label: String, progress: TransferProgress)] = []
        /// Running builds in the order they started.
        var builds: [String] = []
        /// Advances on every tick, to turn the spinners.
        var frame = 0
        /// How many live lines are on screen now (to move the cursor back over them).
        var drawnLines = 0
    }

    static let spinnerFrames: [Character] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

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
        redraw { screen in
            if let index = screen.running.firstIndex(where: { $0.label == progress.label }) {
                if progress.isFinished {
                    screen.running.remove(at: index)
                } else {
                    screen.running[index].progress = progress
                }
            } else if !progress.isFinished {
                screen.running.append((progress.label, progress))
            }
            return progress.isFinished ? Self.finishedLine(progress) : nil
        }
    }

    /// A build started or ended. On a terminal a running build is a spinner line; elsewhere its
    /// start and end are plain lines.
    func update(_ event: RequirementInstallEvent) {
        guard console.verbosity >= .normal else { return }
        redraw { screen in
            switch event {
            case .buildStarted(let label):
                screen.builds.append(label)
                return console.stderrIsTerminal ? nil : "Building \(label)"
            case .buildFinished(let label, let end):
                if let index = screen.builds.firstIndex(of: label) { screen.builds.remove(at: index) }
                switch end {
                case .built: return "Built \(label)"
                case .cached: return console.stderrIsTerminal ? nil : "Using the built wheel of \(label) from the cache"
                case .failed: return nil
                }
            case .metadataStarted(let label):
                // A spinner while it runs; off a terminal the end says whether a backend ran.
                screen.builds.append(Self.metadataLabel(label))
                return nil
            case .metadataFinished(let label, let ranBackend, let failed):
                if let index = screen.builds.firstIndex(of: Self.metadataLabel(label)) { screen.builds.remove(at: index) }
                return ranBackend && !failed ? "Prepared the metadata of \(label)" : nil
            }
        }
    }

    private static func metadataLabel(_ label: String) -> String { "\(label) (metadata)" }

    /// Turns the spinners every 100 ms until cancelled; does nothing off a terminal or under -q.
    func animate() async {
        guard console.stderrIsTerminal, console.verbosity >= .normal else { return }
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: .milliseconds(100))
            } catch {
                return
            }
            redraw { screen in
                guard !screen.builds.isEmpty else { return nil }
                screen.frame += 1
                return nil
            }
        }
    }

    /// Applies `change` (which may return a finished line to print above the live region) and
    /// redraws the live region in place.
    private func redraw(_ change: (inout Screen) -> String?) {
        screen.withLock { screen in
            let terminal = console.stderrIsTerminal
            let before = (screen.running.count, screen.builds.count, screen.frame)
            let finished = change(&screen)
            let unchanged = before == (screen.running.count, screen.builds.count, screen.frame) && finished == nil
            // A tick with nothing spinning, or a transfer update off a terminal, draws nothing.
            if unchanged && (!terminal || screen.builds.isEmpty && screen.running.isEmpty) { return }
            var output = terminal ? Self.erase(screen.drawnLines) : ""
            if let finished { output += finished + "\n" }
            screen.drawnLines = 0
            if terminal {
                for entry in screen.running {
                    output += Self.liveLine(entry.progress) + "\n"
                    screen.drawnLines += 1
                }
                let spinner = Self.spinnerFrames[screen.frame % Self.spinnerFrames.count]
                for label in screen.builds {
                    output += "  \(spinner) Building \(label)\n"
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
