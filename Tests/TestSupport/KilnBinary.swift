import Foundation

/// The `kiln` executable under test, run as a user would run it: `$KILN_BINARY` when set (`make
/// test` points it at the release binary, the one users run), else the one built next to the
/// test bundle.
public enum KilnBinary {
    public static var path: String {
        if let override = ProcessInfo.processInfo.environment["KILN_BINARY"], !override.isEmpty {
            return override.hasPrefix("/") ? override : FileManager.default.currentDirectoryPath + "/" + override
        }
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidates = [bundleDirectory.appendingPathComponent("kiln").path]
        // Under `swift test` argv[0] may be the xctest helper; the products live beside the bundle.
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(URL(fileURLWithPath: bundle.bundlePath).deletingLastPathComponent().appendingPathComponent("kiln").path)
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    public struct Result: Sendable {
        /// The exit status, or the signal number when `signal` is set.
        public let status: Int32
        public let stdout: String
        public let stderr: String
        /// The signal that ended the process, if one did (a crash, or a test's own kill).
        public let signal: Int32?

        public init(status: Int32, stdout: String, stderr: String, signal: Int32? = nil) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
            self.signal = signal
        }
    }

    /// kiln ended by a signal: a crash (SIGILL from a Swift trap, SIGSEGV, SIGABRT) or a hang
    /// that the timeout killed. Never an acceptable outcome of a command.
    public struct KilledBySignal: Error, CustomStringConvertible {
        public let arguments: [String]
        public let result: Result
        public var description: String {
            "kiln \(arguments.joined(separator: " ")) was killed by signal \(result.signal ?? 0)\n"
                + "stdout:\n\(result.stdout)\nstderr:\n\(result.stderr)"
        }
    }

    /// Runs kiln with `arguments`; `environment` entries are added to (or, with nil values, removed
    /// from) the test process's environment.
    public static func run(
        _ arguments: [String],
        environment: [String: String?] = [:],
        workingDirectory: String? = nil,
        timeout: TimeInterval = 300
    ) throws -> Result {
        let result = try ProcessHelper.run(path, arguments, environment: environment, workingDirectory: workingDirectory, timeout: timeout)
        if result.signal != nil { throw KilledBySignal(arguments: arguments, result: result) }
        return result
    }
}

/// Foundation.Process for tests: simple, and independent of the code under test.
public enum ProcessHelper {
    public static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String?] = [:],
        workingDirectory: String? = nil,
        timeout: TimeInterval = 300
    ) throws -> KilnBinary.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let collector = OutputCollector(out: out, err: err)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        let (stdout, stderr) = collector.finish()
        let signal = process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil
        return KilnBinary.Result(status: process.terminationStatus, stdout: stdout, stderr: stderr, signal: signal)
    }
}

/// Reads both pipes on background threads so a chatty child never blocks on a full pipe.
private final class OutputCollector: @unchecked Sendable {
    private let group = DispatchGroup()
    private var stdout = Data()
    private var stderr = Data()

    init(out: Pipe, err: Pipe) {
        group.enter()
        DispatchQueue.global().async {
            self.stdout = out.fileHandleForReading.readDataToEndOfFile()
            self.group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            self.stderr = err.fileHandleForReading.readDataToEndOfFile()
            self.group.leave()
        }
    }

    func finish() -> (String, String) {
        group.wait()
        return (String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}
