import Foundation
import Testing
import TestSupport

/// SIGINT and SIGTERM: kiln stops the children it started (each in a process group of its own,
/// which a terminal's Ctrl-C does not reach) and exits 130 or 143, rather than dying by the
/// signal and leaving its children running.
@Suite struct TerminationSignalTests {
    struct FakeInterpreterNeverStarted: Error {}

    /// Runs `kiln python find` on a fake interpreter that records its pid and then hangs, sends
    /// `signal` once the fake is running, and returns kiln's result and the fake's pid.
    private func interrupt(with signal: Int32) throws -> (KilnBinary.Result, pid_t) {
        let directory = try TemporaryDirectory("kiln-signal")
        let fake = directory.file("python")
        let pidFile = directory.file("child.pid")
        try ExecutableScript.write("echo $$ > '\(pidFile)'\nexec /bin/sleep 60", to: fake)
        let kiln = try BackgroundProcess(
            KilnBinary.path, ["python", "find", fake],
            environment: ["KILN_CACHE_DIR": directory.file("cache"), "KILN_PROBE_TIMEOUT": "60", "VIRTUAL_ENV": nil])
        let deadline = Date().addingTimeInterval(20)
        var childPID: pid_t?
        while childPID == nil && Date() < deadline {
            let text = (try? String(contentsOfFile: pidFile, encoding: .utf8)) ?? ""
            childPID = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
            if childPID == nil { usleep(20_000) }
        }
        guard let childPID else {
            kiln.kill()
            _ = kiln.wait()
            throw FakeInterpreterNeverStarted()
        }
        kiln.kill(signal)
        return (kiln.wait(), childPID)
    }

    /// Whether `pid` still runs (a zombie counts as gone: it has stopped).
    private func isRunning(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?
            .split(separator: ")").last?.split(separator: " ").first
        return state != "Z"
    }

    private func expectStopped(_ pid: pid_t) {
        let deadline = Date().addingTimeInterval(5)
        while isRunning(pid) && Date() < deadline { usleep(20_000) }
        #expect(!isRunning(pid), "the child \(pid) outlived kiln")
        if isRunning(pid) { kill(pid, SIGKILL) }
    }

    @Test func sigtermStopsTheChildrenAndExits143() throws {
        let (result, child) = try interrupt(with: SIGTERM)
        #expect(result.signal == nil, "kiln died by signal \(result.signal ?? 0)")
        #expect(result.status == 143)
        expectStopped(child)
    }

    @Test func sigintStopsTheChildrenAndExits130() throws {
        let (result, child) = try interrupt(with: SIGINT)
        #expect(result.signal == nil, "kiln died by signal \(result.signal ?? 0)")
        #expect(result.status == 130)
        expectStopped(child)
    }

    @Test func aClosedStdoutIsNotDeathBySIGPIPE() throws {
        // `kiln cache dir | true`: the reader is gone before kiln writes its result.
        let directory = try TemporaryDirectory("kiln-sigpipe")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: KilnBinary.path)
        process.arguments = ["cache", "dir", "--cache-dir", directory.file("cache")]
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "kiln died by signal \(process.terminationStatus) (13 is SIGPIPE)")
    }
}
