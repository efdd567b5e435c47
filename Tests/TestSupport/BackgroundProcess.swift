import Foundation

/// A child process started without waiting for it: for tests that run several at once or kill
/// one half-way. Output goes to files, so a child never blocks on a full pipe.
public final class BackgroundProcess: @unchecked Sendable {
    private let process = Process()
    private let outputDirectory: String

    public var processIdentifier: Int32 { process.processIdentifier }

    public init(_ executable: String, _ arguments: [String], environment: [String: String?] = [:]) throws {
        outputDirectory = NSTemporaryDirectory() + "kiln-bg-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: outputDirectory + "/out", contents: nil)
        FileManager.default.createFile(atPath: outputDirectory + "/err", contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: outputDirectory + "/out")
        process.standardError = FileHandle(forWritingAtPath: outputDirectory + "/err")
        try process.run()
    }

    /// Sends `signal` (SIGKILL by default) to the child.
    public func kill(_ signal: Int32 = SIGKILL) {
        _ = Foundation.kill(process.processIdentifier, signal)
    }

    /// Waits for the child to end and returns its status and output.
    public func wait() -> KilnBinary.Result {
        process.waitUntilExit()
        let stdout = (try? String(contentsOfFile: outputDirectory + "/out", encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: outputDirectory + "/err", encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: outputDirectory)
        let signal = process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil
        return KilnBinary.Result(status: process.terminationStatus, stdout: stdout, stderr: stderr, signal: signal)
    }

    /// Whether the child ended by a signal rather than by exiting.
    public var wasKilled: Bool { process.terminationReason == .uncaughtSignal }
}
