/// What to run: a plain value, so callers can build, log and test it without running anything.
public struct ProcessInvocation: Sendable, Equatable {
    public enum Output: Sendable, Equatable {
        /// Collected in memory and returned in `ProcessResult`.
        case capture
        /// Appended to a file (a build log); stdout and stderr interleave as they would on a terminal.
        case appendToFile(String)
    }

    public var executable: String
    public var arguments: [String]
    /// nil inherits kiln's own environment.
    public var environment: [String: String]?
    public var workingDirectory: String?
    /// Bytes written to the child's stdin; nil connects it to /dev/null.
    public var standardInput: [UInt8]?
    public var output: Output
    /// The child and everything it starts are killed when this elapses.
    public var timeout: Duration?

    public init(
        executable: String,
        arguments: [String] = [],
        environment: [String: String]? = nil,
        workingDirectory: String? = nil,
        standardInput: [UInt8]? = nil,
        output: Output = .capture,
        timeout: Duration? = nil
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.standardInput = standardInput
        self.output = output
        self.timeout = timeout
    }
}

public enum ProcessTermination: Sendable, Equatable, CustomStringConvertible {
    case exited(Int32)
    case signalled(Int32)

    public var description: String {
        switch self {
        case .exited(let code): return "exit code \(code)"
        case .signalled(let signal): return "signal \(signal)"
        }
    }
}

public struct ProcessResult: Sendable, Equatable {
    public let termination: ProcessTermination
    public let standardOutput: [UInt8]
    public let standardError: [UInt8]

    public var succeeded: Bool { termination == .exited(0) }
    public var standardOutputText: String { String(decoding: standardOutput, as: UTF8.self) }
    public var standardErrorText: String { String(decoding: standardError, as: UTF8.self) }
}

public enum ProcessError: Error, Equatable, Sendable, CustomStringConvertible {
    case spawnFailed(executable: String, SystemCallError)
    case timedOut(executable: String, after: Duration)
    case io(SystemCallError)

    public var description: String {
        switch self {
        case .spawnFailed(let executable, let error):
            return "cannot run \(executable): \(String(describing: error).split(separator: ":").last.map { $0.trimmingPrefix(" ") } ?? "")"
        case .timedOut(let executable, let after):
            return "\(executable) did not finish within \(after.components.seconds) s and was stopped"
        case .io(let error):
            return error.description
        }
    }
}
