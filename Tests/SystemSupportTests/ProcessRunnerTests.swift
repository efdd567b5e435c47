import Testing
@testable import SystemSupport

@Suite struct ProcessRunnerTests {
    @Test func capturesOutputAndExitCode() async throws {
        let result = try await ProcessRunner.run(ProcessInvocation(
            executable: "/bin/sh", arguments: ["-c", "echo out; echo err >&2; exit 3"]))
        #expect(result.termination == .exited(3))
        #expect(result.standardOutputText == "out\n")
        #expect(result.standardErrorText == "err\n")
    }

    @Test func feedsStandardInputLargerThanAPipeBuffer() throws {
        let input = Array(repeating: UInt8(ascii: "x"), count: 1 << 20)
        let result = try ProcessRunner.runBlocking(ProcessInvocation(
            executable: "/bin/sh", arguments: ["-c", "wc -c"], standardInput: input))
        #expect(result.standardOutputText.trimmingPrefix(while: { $0 == " " }) == "1048576\n")
    }

    @Test func passesEnvironmentAndWorkingDirectory() throws {
        let result = try ProcessRunner.runBlocking(ProcessInvocation(
            executable: "/bin/sh", arguments: ["-c", "echo $KILN_TEST_VALUE; pwd"],
            environment: ["KILN_TEST_VALUE": "42", "PATH": "/usr/bin:/bin"], workingDirectory: "/tmp"))
        #expect(result.standardOutputText == "42\n/tmp\n")
    }

    @Test func killsAHangingChildAndItsChildrenAtTheTimeout() throws {
        let clock = ContinuousClock()
        let start = clock.now
        #expect(throws: ProcessError.timedOut(executable: "/bin/sh", after: .milliseconds(300))) {
            try ProcessRunner.runBlocking(ProcessInvocation(
                executable: "/bin/sh", arguments: ["-c", "sleep 600 & sleep 600"], timeout: .milliseconds(300)))
        }
        // Waiting the children out would take 600 s; a loaded machine may take a few seconds more.
        #expect(clock.now - start < .seconds(120))
    }

    @Test func reportsAMissingExecutable() {
        #expect(throws: ProcessError.self) {
            try ProcessRunner.runBlocking(ProcessInvocation(executable: "/nonexistent/python"))
        }
    }

    @Test func writesOutputToALogFile() throws {
        let log = "/tmp/kiln-process-log-\(ProcessEnvironment.processID)-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileSystem.removeTree(log) }
        let result = try ProcessRunner.runBlocking(ProcessInvocation(
            executable: "/bin/sh", arguments: ["-c", "echo one; echo two >&2"], output: .appendToFile(log)))
        #expect(result.succeeded)
        #expect(try FileSystem.readText(log) == "one\ntwo\n")
    }
}
