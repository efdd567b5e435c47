import Foundation
import Testing
import TestSupport

/// `kiln install` of sdist-only packages from the real index (issue 11): jaeger-client 4.8.0 and
/// its sdist-only dependencies thrift, opentracing and threadloop, built once each, also by eight
/// processes at once. Enabled with KILN_NETWORK_TESTS=1; skipped when the index cannot be reached.
@Suite(.serialized, .enabled(
    if: NetworkTests.enabled && PyenvInterpreters.isAvailable("3.12") && IndexReachability.pypi,
    "network suite (KILN_NETWORK_TESTS=1) with pyenv's Python 3.12 and https://pypi.org reachable"))
struct NetworkInstallSdistTests {
    /// Sdist-only on the index. thrift was too when the issue was written; 0.25.0 has cp312
    /// wheels, so it is built (once) only if the resolver picks an sdist of it.
    static let sdists = ["jaeger-client", "opentracing", "threadloop"]
    static let dependencies = sdists + ["thrift", "tornado"]

    private func builtWheelEntries(_ cache: String, project: String) -> [String] {
        let bucket = cache + "/built-wheels-v1/" + project
        return ((try? FileManager.default.contentsOfDirectory(atPath: bucket)) ?? []).filter { !$0.hasPrefix(".") && !$0.hasSuffix(".lock") }
    }

    /// Runs an install up to three times while it fails on the network (a refused or reset
    /// transfer); any other failure is returned at once.
    private func install(_ sandbox: InstallSandbox, _ arguments: [String], cache: String) throws -> KilnBinary.Result {
        var result = try sandbox.kiln(["install", "--python", sandbox.venv] + arguments, cache: cache)
        for attempt in 1..<3 where result.status != 0 && IndexReachability.looksLikeNetworkFailure(result.stderr) {
            sleep(UInt32(attempt * 5))
            result = try sandbox.kiln(["install", "--python", sandbox.venv] + arguments, cache: cache)
        }
        return result
    }

    private func installed(_ sandbox: InstallSandbox) throws -> [String: String] {
        let lines = try sandbox.kiln(["list", "--python", sandbox.venv, "--format", "freeze"]).stdout.split(separator: "\n")
        var versions: [String: String] = [:]
        for line in lines {
            let parts = line.split(separator: "=", omittingEmptySubsequences: true)
            if parts.count == 2 { versions[parts[0].lowercased().replacingOccurrences(of: "_", with: "-")] = String(parts[1]) }
        }
        return versions
    }

    @Test func jaegerClientAndSixBuildEachSdistOnceAndImport() throws {
        let sandbox = try InstallSandbox()
        let result = try install(sandbox, ["jaeger-client", "six"], cache: sandbox.cache)
        #expect(result.status == 0, "\(result.stderr)")
        let versions = try installed(sandbox)
        #expect(versions["jaeger-client"] == "4.8.0")
        for name in Self.dependencies { #expect(versions[name] != nil, "\(name) not installed: \(versions)") }
        for name in Self.sdists { #expect(builtWheelEntries(sandbox.cache, project: name).count == 1, "\(name)") }
        #expect(builtWheelEntries(sandbox.cache, project: "thrift").count <= 1)
        let imported = try sandbox.run(["-c", "import jaeger_client, thrift, opentracing, threadloop; print('ok')"])
        #expect(imported.stdout == "ok\n", "\(imported.stderr)")
        #expect(try sandbox.consistencyProblems() == [])
    }

    /// Failure mode 3 on the real index: eight processes, eight fresh venvs, one cold cache.
    @Test func eightConcurrentInstallsBuildEachSdistOnce() throws {
        let shared = try TemporaryDirectory("kiln-e2e-network-eight")
        let cache = shared.file("cache")
        let sandboxes = try (0..<8).map { _ in try InstallSandbox() }
        let results = ResultBox(count: sandboxes.count)
        DispatchQueue.concurrentPerform(iterations: sandboxes.count) { slot in
            results.set(slot, try? install(sandboxes[slot], ["jaeger-client"], cache: cache))
        }
        for (slot, result) in results.values.enumerated() {
            #expect(result?.status == 0, "install \(slot): \(result?.stderr ?? "no result (killed by a signal?)")")
            #expect(try installed(sandboxes[slot])["jaeger-client"] == "4.8.0")
        }
        for name in Self.sdists { #expect(builtWheelEntries(cache, project: name).count == 1, "\(name)") }
        #expect(builtWheelEntries(cache, project: "thrift").count <= 1)
        // A process prints "Built NAME VERSION" only when its own backend made the wheel: one per
        // sdist over all eight. (A metadata build during resolution that already made the wheel
        // publishes it to the cache; the install then finds it there.)
        let stderr = results.values.compactMap { $0?.stderr }.joined(separator: "\n").split(separator: "\n")
        for label in ["jaeger-client 4.8.0", "opentracing ", "threadloop "] {
            #expect(stderr.filter { $0.hasPrefix("Built \(label)") }.count == 1, "backend runs of \(label)")
        }

        // Warm: the same eight installs into fresh venvs take the four wheels from the cache.
        let warm = try (0..<8).map { _ in try InstallSandbox() }
        let again = ResultBox(count: warm.count)
        let start = Date()
        DispatchQueue.concurrentPerform(iterations: warm.count) { slot in
            again.set(slot, try? install(warm[slot], ["jaeger-client"], cache: cache))
        }
        let elapsed = Date().timeIntervalSince(start)
        #expect(again.values.allSatisfy { $0?.status == 0 }, "\(again.values.map { $0?.stderr ?? "no result" })")
        #expect(!again.values.contains { $0?.stderr.contains("Built ") == true })
        // The issue's target is under 1 s; the bound is loose for a loaded test machine.
        #expect(elapsed < 5, "8 warm installs took \(elapsed) s")
    }
}

/// Whether the public index answers, checked once per test process.
enum IndexReachability {
    static let pypi: Bool = {
        for _ in 0..<3 {
            let result = try? ProcessHelper.run("/usr/bin/env", ["python3", "-c",
                "import urllib.request; urllib.request.urlopen('https://pypi.org/simple/six/', timeout=10).read(1)"], timeout: 30)
            if result?.status == 0 { return true }
            sleep(2)
        }
        return false
    }()

    static func looksLikeNetworkFailure(_ stderr: String) -> Bool {
        let lowered = stderr.lowercased()
        return ["timed out", "connection", "resolve host", "http/2", "transfer", "reset"].contains { lowered.contains($0) }
    }
}
