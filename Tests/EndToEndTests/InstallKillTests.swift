import Foundation
import Testing
import TestSupport

/// Issue 4: `kiln install` of a large wheel killed with SIGKILL at 20 different moments. Each time
/// the next install succeeds and the environment is consistent — the journal finishes or undoes
/// whatever the killed run left.
@Suite(.enabled(if: PyenvInterpreters.isAvailable("3.12"), "needs pyenv's Python 3.12"))
struct InstallKillTests {
    /// Two versions of a wheel with a few thousand files, with different file sets, so a kill can
    /// land while the old version's leftovers are being removed as well as while files are placed.
    private func largeWheel(_ version: String, in directory: String) throws -> String {
        var builder = WheelBuilder(name: "bulky", version: version)
        let body = String(repeating: "# padding line for a realistic module size\n", count: 40)
        for package in 0..<40 {
            builder.files.append(.init("bulky/p\(package)/__init__.py", "V = '\(version)'\n"))
            for module in 0..<60 {
                let name = version == "1.0" ? "m\(module)" : "n\(module)"
                builder.files.append(.init("bulky/p\(package)/\(name).py", "X = \(module)\n" + body))
            }
        }
        builder.files.append(.init("bulky/__init__.py", "VERSION = '\(version)'\n"))
        builder.entryPoints = "[console_scripts]\nbulky = bulky:main\n"
        return try builder.build(in: directory)
    }

    @Test func killedInstallsAreRepairedByTheNextOne() async throws {
        let sandbox = try InstallSandbox()
        let wheels = [try largeWheel("1.0", in: sandbox.wheels), try largeWheel("2.0", in: sandbox.wheels)]

        // How long one install takes, cold (unpacking included) and warm, sets the kill moments.
        let probeCache = sandbox.directory.file("cache-probe")
        var started = Date()
        let first = try sandbox.install([wheels[0]], [], cache: probeCache)
        let coldDuration = Date().timeIntervalSince(started)
        try #require(first.status == 0, "\(first.stderr)")
        started = Date()
        let warm = try sandbox.install([wheels[0]], ["--reinstall"], cache: probeCache)
        let warmDuration = Date().timeIntervalSince(started)
        try #require(warm.status == 0, "\(warm.stderr)")
        _ = try sandbox.install([wheels[1]], [], cache: sandbox.cache)
        _ = try sandbox.install([wheels[0]], [], cache: sandbox.cache)

        var killedMidway = 0
        for moment in 0..<20 {
            let wheel = wheels[(moment + 1) % 2]
            // Alternate cold and warm caches, so kills land in unpacking as well as in placing.
            let cache = moment % 2 == 0 ? sandbox.directory.file("cache-\(moment)") : sandbox.cache
            let delay = (moment % 2 == 0 ? coldDuration : warmDuration) * (Double(moment / 2) + 0.5) / 10
            let process = try KilledProcess.start(
                KilnBinary.path, ["install", "--python", sandbox.venv, "--cache-dir", cache, wheel])
            usleep(useconds_t(delay * 1_000_000))
            if process.kill() { killedMidway += 1 }

            let next = try sandbox.kiln(["install", "--python", sandbox.venv, wheel], cache: cache)
            #expect(next.status == 0, "moment \(moment): \(next.stderr)")
            let problems = try sandbox.consistencyProblems()
            #expect(problems.isEmpty, "moment \(moment): \(problems.prefix(5))")
            let version = try sandbox.run(["-c", "import bulky, bulky.p7; print(bulky.VERSION, bulky.p7.V)"])
            let expected = wheel == wheels[0] ? "1.0" : "2.0"
            #expect(version.stdout == "\(expected) \(expected)\n", "moment \(moment): \(version.stderr)")
            let list = try sandbox.kiln(["list", "--python", sandbox.venv, "--format", "freeze"])
            #expect(list.stdout == "bulky==\(expected)\n", "moment \(moment)")
        }
        // Most kills must have hit a running install, or the test proves little.
        #expect(killedMidway >= 10, "only \(killedMidway) of 20 kills hit a running install")
    }
}

extension InstallSandbox {
    func install(_ wheels: [String], _ extra: [String], cache: String) throws -> KilnBinary.Result {
        try kiln(["install", "--python", venv] + extra + wheels, cache: cache)
    }
}

/// A child started without waiting, then SIGKILLed.
final class KilledProcess {
    private let process: Process

    private init(process: Process) { self.process = process }

    static func start(_ executable: String, _ arguments: [String]) throws -> KilledProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["VIRTUAL_ENV"] = nil
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return KilledProcess(process: process)
    }

    /// Kills the child; true if it was still running (the kill interrupted it).
    func kill() -> Bool {
        let running = process.isRunning
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return running && process.terminationReason == .uncaughtSignal
    }
}
