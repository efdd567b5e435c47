import Foundation

/// The `kiln` executable built next to the test bundle, run as a user would run it.
public enum KilnBinary {
    public static var path: String {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidates = [bundleDirectory.appendingPathComponent("kiln").path]
        // Under `swift test` argv[0] may be the xctest helper; the products live beside the bundle.
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(URL(fileURLWithPath: bundle.bundlePath).deletingLastPathComponent().appendingPathComponent("kiln").path)
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// Runs kiln with `arguments`; `environment` entries are added to (or, with nil values, removed
    /// from) the test process's environment.
    public static func run(
        _ arguments: [String],
        environment: [String: String?] = [:],
        workingDirectory: String? = nil,
        timeout: TimeInterval = 300
    ) throws -> Result {
        try ProcessHelper.run(path, arguments, environment: environment, workingDirectory: workingDirectory, timeout: timeout)
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
        return KilnBinary.Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
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
