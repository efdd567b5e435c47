import Foundation
import Testing
import TestSupport
@testable import BuildFrontend

/// The hook runner, driven directly: every hook, the optional-hook defaults, failures, backend-path.
@Suite(needsPython311) struct HookRunnerTests {
    private func invoker(_ fixture: SdistFixture, rig: BuildRig) throws -> (HookInvoker, String) {
        let root = try fixture.writeTree(in: rig.work.path)
        let workDirectory = rig.work.file("runner")
        try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
        let project = try SourceProject(root: root)
        let invoker = HookInvoker(
            python: rig.interpreter.executable, pythonFlags: ["-I"], sourceTree: root, backend: project.backend,
            backendPath: project.buildSystem.backendPath,
            environment: HookEnvironment.make(from: ProcessInfo.processInfo.environment, scriptsDirectory: nil, sourceDateEpoch: nil),
            workDirectory: workDirectory, log: BuildLog(path: rig.work.file("build.log")), timeout: .seconds(60))
        return (invoker, root)
    }

    @Test(arguments: hookRunnerPythons)
    func runsEveryHook(python: String) async throws {
        let rig = try await BuildRig.make(minor: python)
        var fixture = SdistFixture()
        fixture.runLog = rig.work.file("runs.log")
        fixture.getRequires = ["kiln-helper>=1"]
        let (invoker, _) = try invoker(fixture, rig: rig)
        let output = rig.work.file("out")
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)

        #expect(try await invoker.run(.getRequiresForBuildWheel, arguments: ["config_settings": .null])
                == .value(.array([.string("kiln-helper>=1")]), usedFallback: false))
        #expect(try await invoker.run(.getRequiresForBuildSdist, arguments: [:]) == .value(.array([]), usedFallback: false))
        #expect(try await invoker.run(.getRequiresForBuildEditable, arguments: [:]) == .value(.array([.string("editables-helper")]), usedFallback: false))
        #expect(try await invoker.run(.prepareMetadataForBuildWheel, arguments: ["metadata_directory": .string(output)])
                == .value(.string("demo_pkg-1.0.dist-info"), usedFallback: false))
        #expect(FileManager.default.fileExists(atPath: output + "/demo_pkg-1.0.dist-info/METADATA"))
        #expect(try await invoker.run(.prepareMetadataForBuildEditable, arguments: ["metadata_directory": .string(output)])
                == .value(.string("demo_pkg-1.0.dist-info"), usedFallback: false))
        #expect(try await invoker.run(.buildWheel, arguments: ["wheel_directory": .string(output)])
                == .value(.string("demo_pkg-1.0-py3-none-any.whl"), usedFallback: false))
        #expect(try await invoker.run(.buildEditable, arguments: ["wheel_directory": .string(output)])
                == .value(.string("demo_pkg-1.0-py3-none-any.whl"), usedFallback: false))
        #expect(try await invoker.run(.buildSdist, arguments: ["sdist_directory": .string(output)])
                == .value(.string("demo_pkg-1.0.tar.gz"), usedFallback: false))
        #expect(FileManager.default.fileExists(atPath: output + "/demo_pkg-1.0.tar.gz"))
        #expect(rig.lines(fixture.runLog ?? "") == BuildHook.allCases.map(\.rawValue).sorted(by: { order($0) < order($1) }))
    }

    private func order(_ hook: String) -> Int {
        ["get_requires_for_build_wheel", "get_requires_for_build_sdist", "get_requires_for_build_editable",
         "prepare_metadata_for_build_wheel", "prepare_metadata_for_build_editable", "build_wheel", "build_editable",
         "build_sdist"].firstIndex(of: hook) ?? 99
    }

    @Test(arguments: hookRunnerPythons)
    func missingOptionalHooksGetTheirDefaults(python: String) async throws {
        let rig = try await BuildRig.make(minor: python)
        var fixture = SdistFixture()
        fixture.omittedHooks = ["get_requires_for_build_wheel", "prepare_metadata_for_build_wheel", "build_editable",
                                "get_requires_for_build_editable", "prepare_metadata_for_build_editable"]
        fixture.runLog = rig.work.file("runs.log")
        let (invoker, _) = try invoker(fixture, rig: rig)
        let metadata = rig.work.file("metadata")
        try FileManager.default.createDirectory(atPath: metadata, withIntermediateDirectories: true)

        #expect(try await invoker.run(.getRequiresForBuildWheel, arguments: [:]) == .value(.array([]), usedFallback: true))
        // prepare_metadata falls back to building the wheel and taking its .dist-info.
        let prepared = try await invoker.run(.prepareMetadataForBuildWheel, arguments: ["metadata_directory": .string(metadata)])
        #expect(prepared == .value(.string("demo_pkg-1.0.dist-info"), usedFallback: true))
        #expect(FileManager.default.fileExists(atPath: metadata + "/demo_pkg-1.0.dist-info/METADATA"))
        #expect(rig.lines(fixture.runLog ?? "") == ["build_wheel"])
        // build_editable has no default; neither has prepare_metadata_for_build_editable without it.
        #expect(try await invoker.run(.buildEditable, arguments: ["wheel_directory": .string(metadata)]) == .missing)
        #expect(try await invoker.run(.prepareMetadataForBuildEditable, arguments: ["metadata_directory": .string(metadata)]) == .missing)
    }

    @Test(arguments: hookRunnerPythons)
    func aRaisingHookReportsItsExceptionAndTraceback(python: String) async throws {
        let rig = try await BuildRig.make(minor: python)
        var fixture = SdistFixture()
        fixture.raisingHook = "build_wheel"
        let (invoker, _) = try invoker(fixture, rig: rig)
        let outcome = try await invoker.run(.buildWheel, arguments: ["wheel_directory": .string(rig.work.path)])
        guard case .failed(let failure) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(failure.kind == .hookFailed)
        #expect(failure.exception == "RuntimeError")
        #expect(failure.message == "kiln test failure")
        #expect(failure.traceback?.contains("raise RuntimeError(\"kiln test failure\")") == true)
    }

    @Test func backendOutputGoesToTheLogNotTheResult() async throws {
        let rig = try await BuildRig.make()
        var fixture = SdistFixture()
        fixture.stdoutText = "{\"status\": \"error\"} printed by the backend"
        let (invoker, _) = try invoker(fixture, rig: rig)
        let outcome = try await invoker.run(.getRequiresForBuildWheel, arguments: [:])
        #expect(outcome == .value(.array([]), usedFallback: false))
        #expect(BuildLog(path: rig.work.file("build.log")).lines().contains("{\"status\": \"error\"} printed by the backend"))
    }

    @Test func backendPathMustStayInsideTheTree() async throws {
        let rig = try await BuildRig.make()
        let fixture = SdistFixture()
        let root = try fixture.writeTree(in: rig.work.path)
        // A link inside the tree that resolves outside it.
        try FileManager.default.createSymbolicLink(atPath: root + "/escape", withDestinationPath: rig.work.path)
        let runner = rig.work.file("runner")
        try FileManager.default.createDirectory(atPath: runner, withIntermediateDirectories: true)
        let environment = HookEnvironment.make(from: [:], scriptsDirectory: nil, sourceDateEpoch: nil)
        for (path, expected) in [("escape", "outside the project root"), ("missing", "does not exist")] {
            let invoker = HookInvoker(
                python: rig.interpreter.executable, pythonFlags: ["-I"], sourceTree: root, backend: "kiln_test_backend",
                backendPath: [path], environment: environment, workDirectory: runner,
                log: BuildLog(path: rig.work.file("build.log")), timeout: .seconds(60))
            let outcome = try await invoker.run(.buildWheel, arguments: ["wheel_directory": .string(rig.work.path)])
            guard case .failed(let failure) = outcome else {
                Issue.record("expected a failure for \(path), got \(outcome)")
                continue
            }
            #expect(failure.kind == .backendInvalid)
            #expect(failure.message.contains(expected), "\(failure.message)")
        }
        // A backend found elsewhere on sys.path than backend-path is refused too.
        let invoker = HookInvoker(
            python: rig.interpreter.executable, pythonFlags: ["-I"], sourceTree: root, backend: "json",
            backendPath: ["_backend"], environment: environment, workDirectory: runner,
            log: BuildLog(path: rig.work.file("build.log")), timeout: .seconds(60))
        let outcome = try await invoker.run(.buildWheel, arguments: ["wheel_directory": .string(rig.work.path)])
        guard case .failed(let failure) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(failure.kind == .backendInvalid)
        #expect(failure.message.contains("not from backend-path"))
    }
}

extension HookRunnerTests {
    @Test func aBackendThatFailsToImportIsReportedNotCrashed() async throws {
        let rig = try await BuildRig.make()
        var fixture = SdistFixture()
        fixture.files["_backend/broken_backend.py"] = "def build_wheel(:\n"
        let root = try fixture.writeTree(in: rig.work.path)
        let runner = rig.work.file("runner")
        try FileManager.default.createDirectory(atPath: runner, withIntermediateDirectories: true)
        let invoker = HookInvoker(
            python: rig.interpreter.executable, pythonFlags: ["-I"], sourceTree: root, backend: "broken_backend",
            backendPath: ["_backend"], environment: HookEnvironment.make(from: [:], scriptsDirectory: nil, sourceDateEpoch: nil),
            workDirectory: runner, log: BuildLog(path: rig.work.file("build.log")), timeout: .seconds(60))
        let outcome = try await invoker.run(.buildWheel, arguments: ["wheel_directory": .string(rig.work.path)])
        guard case .failed(let failure) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(failure.kind == .backendUnavailable)
        #expect(failure.message.contains("SyntaxError"))
        #expect(failure.traceback?.contains("broken_backend.py") == true)
    }
}
