import Foundation
import Testing
import TestSupport

/// `kiln install` of what has to be built first: an sdist-only package from an index, a local
/// sdist, a project directory, an editable project; and eight installs sharing one build.
@Suite(.enabled(if: PyenvInterpreters.isAvailable("3.12"), "needs pyenv's Python 3.12"))
struct InstallBuildEndToEndTests {
    /// A dependency with a wheel, and the build requirement of the sdists (a wheel that must
    /// never reach the target environment).
    private func supportWheels(in directory: String) throws -> [(project: String, path: String)] {
        var dependency = WheelBuilder(name: "dep-wheel", version: "2.0")
        dependency.files = [.init("dep_wheel/__init__.py", "NAME = 'dep'\n")]
        var helper = WheelBuilder(name: "build-helper", version: "1.0")
        helper.files = [.init("build_helper/__init__.py", "")]
        var editables = WheelBuilder(name: "editables-helper", version: "1.0")
        editables.files = [.init("editables_helper/__init__.py", "")]
        return [
            ("dep-wheel", try dependency.build(in: directory)), ("build-helper", try helper.build(in: directory)),
            ("editables-helper", try editables.build(in: directory)),
        ]
    }

    private func fixture(_ name: String, runLog: String) -> SdistFixture {
        var fixture = SdistFixture(name: name, version: "1.0")
        fixture.metadataVersion = "2.2"
        fixture.requiresDist = ["dep-wheel>=1"]
        fixture.staticRequiresDist = true
        fixture.buildRequires = ["build-helper"]
        fixture.importInBuild = "build_helper"
        fixture.runLog = runLog
        return fixture
    }

    private func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    private func builtWheelEntries(_ cache: String, project: String) -> [String] {
        let bucket = cache + "/built-wheels-v1/" + project
        return ((try? FileManager.default.contentsOfDirectory(atPath: bucket)) ?? []).filter { !$0.hasPrefix(".") && !$0.hasSuffix(".lock") }
    }

    private func directURL(_ sandbox: InstallSandbox, _ distInfo: String) throws -> [String: Any] {
        let path = sandbox.venv + "/lib/python3.12/site-packages/\(distInfo)/direct_url.json"
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    private func installed(_ sandbox: InstallSandbox) throws -> [String] {
        try sandbox.kiln(["list", "--python", sandbox.venv, "--format", "freeze"]).stdout.split(separator: "\n").map(String.init)
    }

    @Test func sdistOnlyPackageFromTheIndexIsBuiltOnceAndInstalledWithPlainSummaryLines() throws {
        let work = try TemporaryDirectory("kiln-e2e-install-build")
        let sdist = try fixture("only-sdist", runLog: work.file("runs.log")).writeSdist(in: work.path)
        let index = try LoopbackFileIndex([("only-sdist", sdist)] + supportWheels(in: work.path))
        let sandbox = try InstallSandbox()
        let result = try sandbox.install(["only-sdist"], ["--index-url", index.indexURL])
        #expect(result.status == 0, "\(result.stderr)")
        // Not a terminal: plain lines, no escape codes, uv's summary.
        #expect(!result.stderr.contains("\u{1B}"))
        let stderr = result.stderr.split(separator: "\n").map(String.init)
        #expect(stderr.contains("Building only-sdist 1.0"))
        #expect(stderr.contains("Built only-sdist 1.0"))
        #expect(stderr.contains { $0.hasPrefix("Resolved 2 packages in ") })
        #expect(stderr.contains { $0.hasPrefix("Built 1 sdist in ") })
        #expect(stderr.contains { $0.hasPrefix("Installed 2 packages in ") })
        #expect(Array(stderr.suffix(2)) == [" + dep-wheel==2.0", " + only-sdist==1.0"])
        // The summary replaces the per-package lines (shown with -v).
        #expect(!stderr.contains { $0.hasPrefix("Installing ") })
        #expect(try sandbox.run(["-c", "import only_sdist, dep_wheel; print(only_sdist.VERSION, dep_wheel.NAME)"]).stdout == "1.0 dep\n")
        // The build requirement stayed in the build environment.
        #expect(try installed(sandbox).sorted() == ["dep-wheel==2.0", "only-sdist==1.0"])
        // Found by name on an index: no direct_url.json.
        #expect(!FileManager.default.fileExists(atPath: sandbox.venv + "/lib/python3.12/site-packages/only_sdist-1.0.dist-info/direct_url.json"))
        #expect(try sandbox.consistencyProblems() == [])

        // Another environment, same cache: the built wheel is reused, no backend runs, no "Built" line.
        let other = try InstallSandbox()
        let again = try other.kiln(["install", "--python", other.venv, "--index-url", index.indexURL, "only-sdist"], cache: sandbox.cache)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(!again.stderr.contains("Built 1 sdist"))
        #expect(lines(work.file("runs.log")).filter { $0 == "build_wheel" }.count == 1)
        #expect(builtWheelEntries(sandbox.cache, project: "only-sdist").count == 1)
    }

    @Test func localSdistIsBuiltItsDependenciesResolvedAndItsArchiveRecorded() throws {
        let work = try TemporaryDirectory("kiln-e2e-install-local-sdist")
        var local = fixture("local-sdist", runLog: work.file("runs.log"))
        local.probeDirectory = work.path
        let sdist = try local.writeSdist(in: work.path)
        let index = try LoopbackFileIndex(try supportWheels(in: work.path))
        let sandbox = try InstallSandbox()
        let result = try sandbox.install([sdist], ["--index-url", index.indexURL, "-C", "mode=fast"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try installed(sandbox).sorted() == ["dep-wheel==2.0", "local-sdist==1.0"])
        let record = try directURL(sandbox, "local_sdist-1.0.dist-info")
        #expect(record["url"] as? String == "file://" + sdist)
        let digest = String(try ProcessHelper.run("/usr/bin/sha256sum", [sdist]).stdout.prefix(64))
        #expect((record["archive_info"] as? [String: Any])?["hash"] as? String == "sha256=" + digest)
        // -C reached the backend.
        let probe = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: work.file("build_wheel.json")))) as? [String: Any])
        #expect((probe["arguments"] as? [String: Any])?["config_settings"] as? [String: String] == ["mode": "fast"])
        #expect(try sandbox.consistencyProblems() == [])
    }

    @Test func projectDirectoryIsBuiltFromItsTreeAndRecordedAsADirectory() throws {
        let work = try TemporaryDirectory("kiln-e2e-install-tree")
        let tree = try fixture("local-tree", runLog: work.file("runs.log")).writeTree(in: work.path)
        let index = try LoopbackFileIndex(try supportWheels(in: work.path))
        let sandbox = try InstallSandbox()
        let result = try sandbox.install([tree], ["--index-url", index.indexURL])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try installed(sandbox).sorted() == ["dep-wheel==2.0", "local-tree==1.0"])
        let record = try directURL(sandbox, "local_tree-1.0.dist-info")
        #expect(record["url"] as? String == "file://" + tree)
        #expect((record["dir_info"] as? [String: Any])?.isEmpty == true)
        // Not editable: a copy of the source at build time.
        try "VERSION = 'changed'\n".write(toFile: tree + "/local_tree/__init__.py", atomically: false, encoding: .utf8)
        #expect(try sandbox.run(["-c", "import local_tree; print(local_tree.VERSION)"]).stdout == "1.0\n")
    }

    @Test func editableProjectImportsTheLiveSourceAndKeepsItsBuildRequirementsOut() throws {
        let work = try TemporaryDirectory("kiln-e2e-install-editable")
        let tree = try fixture("local-editable", runLog: work.file("runs.log")).writeTree(in: work.path)
        let index = try LoopbackFileIndex(try supportWheels(in: work.path))
        let sandbox = try InstallSandbox()
        let result = try sandbox.install(["-e", tree], ["--index-url", index.indexURL])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(lines(work.file("runs.log")).contains("build_editable"))
        #expect(lines(work.file("runs.log")).contains("get_requires_for_build_editable"))
        // build-helper and editables-helper were build requirements only.
        #expect(try installed(sandbox).sorted() == ["dep-wheel==2.0", "local-editable==1.0"])
        let record = try directURL(sandbox, "local_editable-1.0.dist-info")
        #expect(record["url"] as? String == "file://" + tree)
        #expect((record["dir_info"] as? [String: Any])?["editable"] as? Bool == true)
        #expect(try sandbox.run(["-c", "import local_editable; print(local_editable.VERSION)"]).stdout == "1.0\n")
        try "VERSION = 'live edit'\n".write(toFile: tree + "/local_editable/__init__.py", atomically: false, encoding: .utf8)
        #expect(try sandbox.run(["-c", "import local_editable; print(local_editable.VERSION)"]).stdout == "live edit\n")

        // Installing it again replaces it even at the same version.
        let again = try sandbox.install(["-e", tree], ["--index-url", index.indexURL])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains(" + local-editable==1.0"))
        #expect(try sandbox.consistencyProblems() == [])
    }

    @Test func onATerminalBuildsAreSpinnerLinesRedrawnInPlace() throws {
        let work = try TemporaryDirectory("kiln-e2e-install-terminal")
        let sdist = try fixture("tty-sdist", runLog: work.file("runs.log")).writeSdist(in: work.path)
        let index = try LoopbackFileIndex([("tty-sdist", sdist)] + supportWheels(in: work.path))
        let sandbox = try InstallSandbox()
        // script(1) gives kiln a pseudo-terminal for stdout and stderr.
        let command = [KilnBinary.path, "install", "--python", sandbox.venv, "--index-url", index.indexURL, "--cache-dir", sandbox.cache, "tty-sdist"]
            .map { "'\($0)'" }.joined(separator: " ")
        let result = try ProcessHelper.run("/usr/bin/script", ["-qec", command, "/dev/null"], environment: ["VIRTUAL_ENV": nil])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.signal == nil)
        #expect(result.stdout.contains("Building tty-sdist 1.0"))
        #expect(result.stdout.contains("\u{1B}[1A\u{1B}[0J"), "no cursor movement over the live lines")
        #expect(result.stdout.contains("Built 1 sdist in "))
        #expect(result.stdout.contains(" + tty-sdist==1.0"))
    }

    @Test func aBackendWithoutBuildEditableIsAClearError() throws {
        let work = try TemporaryDirectory("kiln-e2e-install-no-editable")
        var project = fixture("no-editable", runLog: work.file("runs.log"))
        project.omittedHooks = ["build_editable"]
        let tree = try project.writeTree(in: work.path)
        let index = try LoopbackFileIndex(try supportWheels(in: work.path))
        let sandbox = try InstallSandbox()
        let result = try sandbox.install(["-e", tree], ["--index-url", index.indexURL])
        #expect(result.status == 1)
        #expect(result.stderr.contains("has no build_editable hook"), "\(result.stderr)")
        #expect(try installed(sandbox) == [])
    }

    @Test func aFailedBuildIsOneErrorLineWithItsPhase() throws {
        let work = try TemporaryDirectory("kiln-e2e-install-build-fails")
        var broken = fixture("broken-sdist", runLog: work.file("runs.log"))
        broken.raisingHook = "build_wheel"
        let sdist = try broken.writeSdist(in: work.path)
        let index = try LoopbackFileIndex([("broken-sdist", sdist)] + supportWheels(in: work.path))
        let sandbox = try InstallSandbox()
        let result = try sandbox.install(["broken-sdist"], ["--index-url", index.indexURL])
        #expect(result.status == 1)
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        #expect(errors.count == 1)
        #expect(errors.first?.contains("broken-sdist") == true)
        #expect(try installed(sandbox) == [])
    }

    @Test func noBuildIsolationBuildsWithTheTargetInterpreter() throws {
        let work = try TemporaryDirectory("kiln-e2e-install-no-isolation")
        var plain = SdistFixture(name: "plain-sdist", version: "1.0")
        plain.metadataVersion = "2.2"
        plain.probeDirectory = work.path
        let sdist = try plain.writeSdist(in: work.path)
        let sandbox = try InstallSandbox()
        let result = try sandbox.install([sdist], ["--no-index", "--no-build-isolation"])
        #expect(result.status == 0, "\(result.stderr)")
        let probe = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: work.file("build_wheel.json")))) as? [String: Any])
        let executable = try #require(probe["executable"] as? String)
        #expect(executable.hasPrefix(sandbox.venv))
    }

    @Test func sigintDuringABuildStopsTheBackendAndInstallsNothing() throws {
        let work = try TemporaryDirectory("kiln-e2e-install-sigint")
        var slow = fixture("slow-sdist", runLog: work.file("runs.log"))
        slow.buildDelay = 60
        slow.probeDirectory = work.path
        let sdist = try slow.writeSdist(in: work.path)
        let index = try LoopbackFileIndex([("slow-sdist", sdist)] + supportWheels(in: work.path))
        let sandbox = try InstallSandbox()
        let kiln = try BackgroundProcess(
            KilnBinary.path, ["install", "--python", sandbox.venv, "--index-url", index.indexURL, "--cache-dir", sandbox.cache, "slow-sdist"],
            environment: ["VIRTUAL_ENV": nil])
        // The backend writes its probe (with its pid) as build_wheel starts, then sleeps.
        let probe = work.file("build_wheel.json")
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: probe) && Date() < deadline { usleep(50_000) }
        usleep(200_000)
        let document = try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: probe))) as? [String: Any]
        let backend = try #require(document?["pid"] as? Int, "the backend never started")
        kiln.kill(SIGINT)
        let result = kiln.wait()
        #expect(result.signal == nil, "kiln died by signal \(result.signal ?? 0)")
        #expect(result.status == 130, "\(result.stderr)")
        let stopped = Date().addingTimeInterval(5)
        while kill(pid_t(backend), 0) == 0 && Date() < stopped { usleep(20_000) }
        #expect(kill(pid_t(backend), 0) != 0, "the backend \(backend) outlived kiln")
        #expect(try installed(sandbox) == [])
        #expect(builtWheelEntries(sandbox.cache, project: "slow-sdist").isEmpty)
        #expect(try sandbox.consistencyProblems() == [])
    }

    /// Failure mode 3: eight processes, eight environments, one cache; one backend run.
    @Test func eightConcurrentInstallsBuildTheSdistOnce() throws {
        let work = try TemporaryDirectory("kiln-e2e-install-eight")
        var slow = fixture("shared-sdist", runLog: work.file("runs.log"))
        slow.buildDelay = 1.5
        let sdist = try slow.writeSdist(in: work.path)
        let index = try LoopbackFileIndex([("shared-sdist", sdist)] + supportWheels(in: work.path))
        let cache = work.file("cache")
        let sandboxes = try (0..<8).map { _ in try InstallSandbox() }
        let results = ResultBox(count: sandboxes.count)
        DispatchQueue.concurrentPerform(iterations: sandboxes.count) { slot in
            let sandbox = sandboxes[slot]
            results.set(slot, try? sandbox.kiln(["install", "--python", sandbox.venv, "--index-url", index.indexURL, "shared-sdist"], cache: cache))
        }
        for (slot, result) in results.values.enumerated() {
            #expect(result?.status == 0, "install \(slot): \(result?.stderr ?? "no result (killed by a signal?)")")
            #expect(try installed(sandboxes[slot]).sorted() == ["dep-wheel==2.0", "shared-sdist==1.0"])
        }
        #expect(results.values.compactMap { $0 }.filter { $0.stderr.contains("Built 1 sdist") }.count == 1)
        #expect(lines(work.file("runs.log")).filter { $0 == "build_wheel" }.count == 1)
        #expect(builtWheelEntries(cache, project: "shared-sdist").count == 1)
    }
}
