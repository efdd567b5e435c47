import SystemSupport
import Templates

/// Runs the probe script in an interpreter and reads its report.
enum InterpreterProbe {
    /// `-I` keeps the user's environment (PYTHONPATH, user site, the current directory) out of the
    /// answer. `-S` would be faster but before 3.11 a venv's prefix is set by `site`, so it stays.
    static func arguments() -> [String] {
        ["-I", "-c", Template.interpreterProbe.text]
    }

    static func run(_ path: String, timeout: Duration) async throws(InterpreterError) -> ProbeReport {
        let invocation = ProcessInvocation(executable: path, arguments: arguments(), timeout: timeout)
        let result: ProcessResult
        do {
            result = try await ProcessRunner.run(invocation)
        } catch {
            switch error {
            case .timedOut:
                throw .probeTimedOut(path: path, seconds: Double(timeout.components.seconds)
                    + Double(timeout.components.attoseconds) / 1e18)
            case .spawnFailed(_, let failure):
                throw .cannotRun(path: path, reason: failure.description.split(separator: ":").last.map {
                    String($0.drop { $0 == " " })
                } ?? failure.description)
            case .io(let failure):
                throw .cannotRun(path: path, reason: failure.description)
            }
        }
        guard result.succeeded else {
            let stderr = result.standardErrorText
            // Python 2 and 3.3 and older know no `-I`; they say so and exit 2.
            if stderr.contains("Unknown option: -I") || stderr.contains("unknown option -I") {
                throw .unsupportedVersion(path: path, version: "older than 3.4 (it does not accept -I)")
            }
            throw .probeFailed(path: path, termination: result.termination, detail: salientLine(of: stderr))
        }
        guard let report = ProbeReport.decode(result.standardOutput) else {
            throw .invalidReport(path: path, excerpt: excerpt(result.standardOutputText))
        }
        return report
    }

    /// The line of a failed interpreter's stderr worth showing: a Python error's last line
    /// (`ModuleNotFoundError: ...`, `Fatal Python error: ...`), else the first line (wrappers such
    /// as pyenv shims explain themselves first and add advice after).
    static func salientLine(of text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters() }.filter { !$0.isEmpty }
        let pythonError = lines.last { $0.contains("Error:") || $0.hasPrefix("Fatal Python error") }
        return (pythonError ?? lines.first).map { String($0.prefix(300)) } ?? ""
    }

    static func excerpt(_ text: String) -> String {
        let oneLine = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters() }.filter { !$0.isEmpty }
            .joined(separator: " ")
        if oneLine.isEmpty { return "nothing" }
        return oneLine.count > 80 ? String(oneLine.prefix(80)) + "…" : oneLine
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
