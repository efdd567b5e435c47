import Foundation
import Testing
import TestSupport
@testable import Python

/// Files named `python` that are not working interpreters give a typed error naming the path.
@Suite struct BrokenInterpreterTests {
    private func script(_ body: String, in directory: TemporaryDirectory) throws -> String {
        let path = directory.file("python")
        try ExecutableScript.write(body, to: path)
        return path
    }

    @Test func exitingWithAnError() async throws {
        let directory = try TemporaryDirectory()
        let path = try script("echo 'Fatal Python error: init failed' >&2; exit 1", in: directory)
        await #expect(throws: InterpreterError.probeFailed(path: path, termination: .exited(1), detail: "Fatal Python error: init failed")) {
            try await InterpreterInspector(cacheDirectory: nil).inspect(path)
        }
    }

    @Test func printingGarbage() async throws {
        let directory = try TemporaryDirectory()
        let path = try script("echo 'hello, I am not python'", in: directory)
        await #expect(throws: InterpreterError.invalidReport(path: path, excerpt: "hello, I am not python")) {
            try await InterpreterInspector(cacheDirectory: nil).inspect(path)
        }
    }

    @Test func hanging() async throws {
        let directory = try TemporaryDirectory()
        let path = try script("sleep 600", in: directory)
        let timeout = InterpreterInspector.timeout(fromEnvironment: ["KILN_PROBE_TIMEOUT": "0.5"])
        #expect(timeout == .milliseconds(500))
        let started = ContinuousClock.now
        await #expect(throws: InterpreterError.probeTimedOut(path: path, seconds: 0.5)) {
            try await InterpreterInspector(cacheDirectory: nil, timeout: timeout).inspect(path)
        }
        // The hung child is killed at the timeout, not waited out (600 s). The bound is loose on
        // purpose: under a full parallel test run on 2 cores, the awaiting task itself may wait
        // tens of seconds for a free thread.
        #expect(ContinuousClock.now - started < .seconds(300))
    }

    @Test func missing() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("bin/python")
        await #expect(throws: InterpreterError.notFound(path: path)) {
            try await InterpreterInspector(cacheDirectory: nil).inspect(path)
        }
    }

    @Test func notExecutable() async throws {
        let directory = try TemporaryDirectory()
        let path = try script("exit 0", in: directory)
        chmod(path, 0o644)
        await #expect {
            try await InterpreterInspector(cacheDirectory: nil).inspect(path)
        } throws: { error in
            guard case InterpreterError.cannotRun(let reported, _) = error else { return false }
            return reported == path
        }
    }

    @Test func errorsAreOneLineAndNameThePath() {
        let errors: [InterpreterError] = [
            .probeFailed(path: "/x/python", termination: .exited(1), detail: "boom"),
            .probeTimedOut(path: "/x/python", seconds: 10),
            .invalidReport(path: "/x/python", excerpt: "garbage"),
            .unsupportedVersion(path: "/x/python", version: "3.6.15"),
            .notFound(path: "/x/python"),
        ]
        for error in errors {
            #expect(error.description.contains("/x/python"))
            #expect(!error.description.contains("\n"))
        }
        #expect(InterpreterError.probeTimedOut(path: "/x/python", seconds: 10).description.contains("KILN_PROBE_TIMEOUT"))
    }

    @Test func showsTheLineThatExplainsAFailure() {
        let traceback = "Traceback (most recent call last):\n  File \"<string>\", line 1\nModuleNotFoundError: No module named 'json'\n"
        #expect(InterpreterProbe.salientLine(of: traceback) == "ModuleNotFoundError: No module named 'json'")
        let shim = "pyenv: python3.13: command not found\n\nThe `python3.13' command exists in these Python versions:\n  3.13.0\n"
        #expect(InterpreterProbe.salientLine(of: shim) == "pyenv: python3.13: command not found")
        #expect(InterpreterProbe.salientLine(of: "\n") == "")
    }

    @Test func probeTimeoutFromTheEnvironment() {
        #expect(InterpreterInspector.timeout(fromEnvironment: [:]) == .seconds(10))
        #expect(InterpreterInspector.timeout(fromEnvironment: ["KILN_PROBE_TIMEOUT": "3"]) == .seconds(3))
        #expect(InterpreterInspector.timeout(fromEnvironment: ["KILN_PROBE_TIMEOUT": "soon"]) == .seconds(10))
        #expect(InterpreterInspector.timeout(fromEnvironment: ["KILN_PROBE_TIMEOUT": "-1"]) == .seconds(10))
    }
}
