import Foundation

/// A package index on 127.0.0.1 with an ephemeral port, for tests: serves a directory (simple
/// pages as `NAME/index.html` and `NAME/index.json`, chosen by `Accept`; any other file as is),
/// with ETag/304 and Range/206, fault injection, and a log of the requests it saw.
///
/// The server is a small Python `http.server` program. It is controlled through its stdin (one
/// JSON command per line), so it exits by itself when the test process goes away, and after
/// `lifetime` seconds at the latest.
public final class LoopbackIndexServer: @unchecked Sendable {
    public enum Fault: String, Sendable {
        /// Close the connection with a TCP reset before answering.
        case reset
        /// Answer 503 Service Unavailable.
        case status503
        /// Promise the whole body in Content-Length, send half, close.
        case truncate
        /// Send the right length with different bytes (the hash will not match).
        case corrupt
    }

    public struct RecordedRequest: Sendable {
        public let method: String
        public let path: String
        /// Lowercased names.
        public let headers: [String: String]
    }

    public let port: Int
    public let root: String
    private let process: Process
    private let input: FileHandle
    private let output: FileHandle
    private let lock = NSLock()
    private var buffered = Data()
    private let scriptDirectory: TemporaryDirectory

    /// Starts a server for `root`. Throws if no Python 3 interpreter is found or it does not start.
    public init(root: String, lifetime: TimeInterval = 600) throws {
        self.root = root
        scriptDirectory = try TemporaryDirectory("kiln-loopback")
        let script = scriptDirectory.file("loopback_index_server.py")
        try LoopbackIndexServerScript.source.write(toFile: script, atomically: false, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.python())
        process.arguments = ["-u", script, root, String(Int(lifetime))]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        input = stdin.fileHandleForWriting
        output = stdout.fileHandleForReading

        var pending = Data()
        guard let first = Self.readLine(from: output, buffer: &pending), first.hasPrefix("PORT "),
            let port = Int(first.dropFirst(5))
        else {
            process.terminate()
            throw LoopbackServerError.didNotStart
        }
        self.port = port
        buffered = pending
    }

    deinit { stop() }

    /// `http://127.0.0.1:PORT` + `path` (which starts with `/`).
    public func url(_ path: String = "/") -> String { "http://127.0.0.1:\(port)\(path)" }

    /// The next `times` requests for `path` fail with `fault` (`times: -1`: all of them).
    public func inject(_ fault: Fault, path: String, times: Int = 1) throws {
        try send(["action": "fault", "path": path, "kind": fault.rawValue, "times": times])
    }

    /// `etag: false` makes the server send no validators, like the proxy these machines reach;
    /// `maxAge` adds `Cache-Control: max-age`; `json: false` makes it answer HTML only; `ranges: false`
    /// makes it ignore `Range` and answer 200 with the whole file.
    public func configure(etag: Bool? = nil, maxAge: Int? = nil, json: Bool? = nil, ranges: Bool? = nil) throws {
        var message: [String: Any] = ["action": "config"]
        if let ranges { message["ranges"] = ranges }
        if let etag { message["etag"] = etag }
        if let maxAge { message["max_age"] = maxAge }
        if let json { message["json"] = json }
        try send(message)
    }

    public func requests(for path: String? = nil) throws -> [RecordedRequest] {
        var message: [String: Any] = ["action": "requests"]
        if let path { message["path"] = path }
        let answer = try send(message)
        let list = answer["requests"] as? [[String: Any]] ?? []
        return list.map {
            RecordedRequest(
                method: $0["method"] as? String ?? "", path: $0["path"] as? String ?? "",
                headers: $0["headers"] as? [String: String] ?? [:])
        }
    }

    public func requestCount(for path: String) throws -> Int {
        try requests(for: path).count
    }

    /// Forgets recorded requests and pending faults.
    public func clear() throws {
        try send(["action": "clear"])
    }

    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard process.isRunning else { return }
        try? input.close()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { process.terminate() }
    }

    @discardableResult
    private func send(_ message: [String: Any]) throws -> [String: Any] {
        lock.lock()
        defer { lock.unlock() }
        var line = try JSONSerialization.data(withJSONObject: message)
        line.append(0x0A)
        try input.write(contentsOf: line)
        guard let reply = Self.readLine(from: output, buffer: &buffered), let data = reply.data(using: .utf8),
            let answer = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { throw LoopbackServerError.noAnswer }
        guard answer["ok"] as? Bool == true else { throw LoopbackServerError.commandFailed(String(describing: answer["error"])) }
        return answer
    }

    private static func readLine(from output: FileHandle, buffer: inout Data) -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer = Data(buffer[buffer.index(after: newline)...])
                return line
            }
            let chunk = output.availableData
            if chunk.isEmpty { return nil }
            buffer.append(chunk)
        }
    }

    private static func python() throws -> String {
        for minor in ["3.12", "3.11", "3.13", "3.10"] {
            if let path = PyenvInterpreters.path(for: minor) { return path }
        }
        for candidate in ["/usr/bin/python3", "/usr/local/bin/python3"] where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw LoopbackServerError.noPython
    }
}

public enum LoopbackServerError: Error, CustomStringConvertible {
    case noPython
    case didNotStart
    case noAnswer
    case commandFailed(String)

    public var description: String {
        switch self {
        case .noPython: return "no Python 3 interpreter found for the loopback index server"
        case .didNotStart: return "the loopback index server did not start"
        case .noAnswer: return "the loopback index server did not answer a command"
        case .commandFailed(let reason): return "the loopback index server refused a command: \(reason)"
        }
    }
}
