import BuildFrontend
import Foundation
import Install
import PackagingModel
import Services
import Synchronization
import TestSupport
import Testing

/// Chosen sdists go through the `SdistWheelBuilder` seam: built after their download, at most
/// `concurrency` at once, the wheel installed, a failure reported as the build's error.
@Suite struct RequirementInstallerBuildTests {
    /// Makes the wheel a real build would (name, version, one module), after a pause, and
    /// records how many builds overlapped.
    final class FakeBuilder: SdistWheelBuilder {
        let output: TemporaryDirectory
        let failing: Set<String>
        let state = Mutex<(running: Int, most: Int, built: [String])>((0, 0, []))

        init(failing: Set<String> = []) throws {
            output = try TemporaryDirectory("kiln-services-built")
            self.failing = failing
        }

        func wheel(for sdist: SdistToBuild) async throws(BuildError) -> BuiltSdistWheel {
            state.withLock { state in
                state.running += 1
                state.most = max(state.most, state.running)
            }
            try? await Task.sleep(for: .milliseconds(150))
            state.withLock { $0.running -= 1 }
            if failing.contains(sdist.name.normalized) {
                throw .backend(BackendFailure(
                    project: sdist.name.original, phase: .building, hook: .buildWheel, reason: "kiln test failure", logTail: [], logPath: "", hint: nil))
            }
            var builder = WheelBuilder(name: sdist.name.original, version: sdist.version.description)
            builder.files = [.init("\(sdist.name.normalized.replacingOccurrences(of: "-", with: "_"))/__init__.py", "BUILT = True\n")]
            let path: String
            do {
                path = try builder.build(in: output.path)
            } catch {
                throw .cache("fake build failed: \(error)")
            }
            state.withLock { $0.built.append(sdist.name.normalized) }
            return BuiltSdistWheel(path: path, fromCache: false)
        }
    }

    private func repository() throws -> PackageRepository {
        let repository = try PackageRepository()
        try repository.sdist("one", "1.0", requires: ["lib>=1"])
        try repository.sdist("two", "1.0")
        try repository.sdist("three", "1.0")
        try repository.wheel("lib", "1.0")
        return repository
    }

    private func entries(_ texts: String...) throws -> [RequirementEntry] {
        try texts.map { RequirementEntry(requirement: try Requirement($0)) }
    }

    @Test func sdistsAreBuiltAtMostTwoAtATimeAndTheirWheelsInstalled() async throws {
        let rig = try await ServicesTestRig(try repository())
        let site = try TemporaryDirectory("kiln-services-site")
        let builder = try FakeBuilder()
        let events = Mutex<[RequirementInstallEvent]>([])
        let installer = RequirementInstaller(
            resolver: try rig.resolver(),
            installer: InstallService(cache: rig.cache, target: .directory(site.path, pythonExecutable: "/usr/bin/python3"), lockTimeout: .seconds(30)),
            builders: InstallBuilders(sdists: builder, local: nil, concurrency: 2),
            onEvent: { event in events.withLock { $0.append(event) } })
        let plan = try await installer.run(RequirementInstallRequest(requirements: try entries("one", "two", "three")))
        #expect(plan.changes.map(\.name.normalized).sorted() == ["lib", "one", "three", "two"])
        #expect(plan.builds.count == 3)
        #expect(plan.builds.allSdists)
        #expect(plan.resolvedCount == 4)
        let state = builder.state.withLock { $0 }
        #expect(state.most == 2)
        #expect(state.built.sorted() == ["one", "three", "two"])
        for name in ["one", "two", "three"] { #expect(FileManager.default.fileExists(atPath: site.file("\(name)/__init__.py"))) }
        let seen = events.withLock { $0 }
        #expect(seen.filter { if case .buildStarted = $0 { true } else { false } }.count == 3)
        #expect(seen.contains(.buildFinished(label: "one 1.0", .built)))
        // Found by name on an index: no direct_url.json.
        #expect(!FileManager.default.fileExists(atPath: site.file("one-1.0.dist-info/direct_url.json")))
    }

    @Test func aFailedBuildIsReportedAndNothingIsInstalled() async throws {
        let rig = try await ServicesTestRig(try repository())
        let site = try TemporaryDirectory("kiln-services-site")
        let installer = RequirementInstaller(
            resolver: try rig.resolver(),
            installer: InstallService(cache: rig.cache, target: .directory(site.path, pythonExecutable: "/usr/bin/python3"), lockTimeout: .seconds(30)),
            builders: InstallBuilders(sdists: try FakeBuilder(failing: ["two"]), local: nil, concurrency: 1))
        await #expect {
            _ = try await installer.run(RequirementInstallRequest(requirements: try entries("one", "two")))
        } throws: { error in
            guard case RequirementsError.build(.backend(let failure)) = error else { return false }
            return failure.project == "two"
        }
        #expect(!FileManager.default.fileExists(atPath: site.file("one")))
        #expect(!FileManager.default.fileExists(atPath: site.file("lib")))
    }

    @Test func aDirectSdistURLIsRecordedAsItsArchive() async throws {
        let repository = try repository()
        let rig = try await ServicesTestRig(repository)
        let site = try TemporaryDirectory("kiln-services-site")
        let two = try #require(repository.entries.first { $0.filename.hasPrefix("two-") })
        let installer = RequirementInstaller(
            resolver: try rig.resolver(),
            installer: InstallService(cache: rig.cache, target: .directory(site.path, pythonExecutable: "/usr/bin/python3"), lockTimeout: .seconds(30)),
            builders: InstallBuilders(sdists: try FakeBuilder(), local: nil))
        let path = repository.path(of: two)
        _ = try await installer.run(RequirementInstallRequest(requirements: try entries("two @ file://\(path)")))
        let record = try String(contentsOfFile: site.file("two-1.0.dist-info/direct_url.json"), encoding: .utf8)
        #expect(record == "{\"archive_info\": {\"hash\": \"sha256=\(two.sha256)\", \"hashes\": {\"sha256\": \"\(two.sha256)\"}}, \"url\": \"file://\(path)\"}\n")
    }
}
