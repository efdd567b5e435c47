#if canImport(Glibc)
import Glibc
#endif

/// All of kiln's output goes through here: results to stdout, everything else to stderr
/// (DESIGN.md, "Command-line contract"). Library targets never print.
struct Console: Sendable {
    enum Verbosity: Int, Comparable, Sendable {
        case quiet = 0, normal = 1, verbose = 2, debug = 3
        static func < (lhs: Verbosity, rhs: Verbosity) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    let verbosity: Verbosity
    let stderrIsTerminal: Bool

    init(options: GlobalOptions) {
        if options.quiet {
            verbosity = .quiet
        } else {
            verbosity = Verbosity(rawValue: min(1 + options.verbose, 3)) ?? .normal
        }
        stderrIsTerminal = isatty(2) == 1
    }

    /// A result line (a path, a pin, a tag): always printed, to stdout.
    func result(_ line: String) {
        write(1, line + "\n")
    }

    /// Progress and information, to stderr; silenced by -q.
    func info(_ line: String) {
        guard verbosity >= .normal else { return }
        write(2, line + "\n")
    }

    /// Details shown only with -v.
    func detail(_ line: String) {
        guard verbosity >= .verbose else { return }
        write(2, line + "\n")
    }

    func warning(_ line: String) {
        guard verbosity >= .normal else { return }
        write(2, "warning: " + line + "\n")
    }

    func error(_ line: String) {
        write(2, "error: " + line + "\n")
    }

    private func write(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress.map { $0 + offset }, $0.count - offset) }
            if written <= 0 {
                if written < 0 && errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}
