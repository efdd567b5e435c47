import Foundation
import SystemSupport
import TestSupport
import Testing

@Suite struct ProcessRunnerCancellationTests {
    /// Cancelling the task kills the child's whole process group, grandchildren included.
    @Test func cancellationKillsTheProcessGroup() async throws {
        let pidFile = NSTemporaryDirectory() + "kiln-cancel-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        let invocation = ProcessInvocation(executable: "/bin/sh", arguments: ["-c", "sleep 900 & echo $! > \(pidFile); wait"])
        let clock = ContinuousClock()
        let start = clock.now
        let task = Task { try await ProcessRunner.runCancellable(invocation) }
        while !FileManager.default.fileExists(atPath: pidFile) && clock.now - start < .seconds(10) {
            try await Task.sleep(for: .milliseconds(10))
        }
        try await Task.sleep(for: .milliseconds(50))
        let grandchild = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        task.cancel()
        let result = try await task.value
        // Not a timing check: under a full test run the synchronous end-to-end helpers can hold the
        // cooperative pool so long that this task resumes minutes late (CI once saw `sleep 60`
        // finish first). Without the kill, `sleep 900` would end by itself with exit code 0.
        #expect(result.termination == .signalled(SIGKILL))
        try await Task.sleep(for: .milliseconds(100))
        #expect(!ProcessState.isRunning(grandchild), "the grandchild survived")
    }

    @Test func cancelledBeforeTheSpawnStillKills() async throws {
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await ProcessRunner.runCancellable(ProcessInvocation(executable: "/bin/sleep", arguments: ["60"]))
        }
        let result = try await task.value
        #expect(result.termination == .signalled(SIGKILL))
    }
}
