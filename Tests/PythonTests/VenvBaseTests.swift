import Foundation
import Testing
import TestSupport
@testable import Python

/// The interpreter a venv is made from, and what venv creation takes from it.
@Suite(.enabled(if: PyenvInterpreters.isAvailable("3.12"), "needs pyenv's Python 3.12"))
struct VenvBaseTests {
    let python = PyenvInterpreters.path(for: "3.12") ?? ""

    private func discovery(in directory: TemporaryDirectory) -> InterpreterDiscovery {
        let context = DiscoveryContext(variables: ["PATH": "/nonexistent"], currentDirectory: directory.path)
        return InterpreterDiscovery(inspector: InterpreterInspector(cacheDirectory: nil), context: context)
    }

    @Test func aBaseInterpreterIsItsOwnBase() async throws {
        let directory = try TemporaryDirectory()
        let base = try await discovery(in: directory).findVenvBase(.path(python))
        #expect(base.executable == python)
        #expect(!base.isVirtualEnvironment)
    }

    @Test func aVenvInterpreterStandsForItsBase() async throws {
        let directory = try TemporaryDirectory()
        let discovery = discovery(in: directory)
        let first = try VenvCreator.create(at: directory.file("first"), base: try await discovery.findVenvBase(.path(python)))
        let inside = try await discovery.find(.path(first.root))
        #expect(inside.isVirtualEnvironment)
        #expect(InterpreterDiscovery.baseExecutableCandidates(of: inside).first == python)
        // Another venv made from the first one's interpreter links to the base, not to the first.
        let base = try await discovery.findVenvBase(.path(first.python))
        #expect(base.executable == python)
        let second = try VenvCreator.create(at: directory.file("second"), base: base)
        #expect(second.home == first.home)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: second.python) == python)
    }

    @Test func theBaseIsLookedForInHomeThenUnderTheBasePrefix() async throws {
        let directory = try TemporaryDirectory()
        let discovery = discovery(in: directory)
        let venv = try VenvCreator.create(at: directory.file("env"), base: try await discovery.findVenvBase(.path(python)))
        let inside = try await discovery.find(.path(venv.root))
        // Point `home` elsewhere: the base is then looked for there and under the base prefix.
        try "home = \(directory.file("moved"))\nversion = 3.12.0\n".write(toFile: venv.configurationPath, atomically: false, encoding: .utf8)
        let tried = InterpreterDiscovery.baseExecutableCandidates(of: inside)
        #expect(tried.first == directory.file("moved") + "/python3.12")
        #expect(tried.contains(inside.basePrefix + "/bin/python3.12"))
        let missing = VenvError.baseInterpreterMissing(environment: venv.root, tried: tried)
        #expect(missing.description.contains(venv.root) && missing.description.contains(tried[0]))
        #expect(missing.description.contains("--python"))
    }

    @Test func creationRefusesAVenvInterpreterAsBase() async throws {
        let directory = try TemporaryDirectory()
        let discovery = discovery(in: directory)
        let venv = try VenvCreator.create(at: directory.file("env"), base: try await discovery.findVenvBase(.path(python)))
        let inside = try await discovery.find(.path(venv.root))
        #expect(throws: VenvError.baseIsVirtualEnvironment(interpreter: venv.python)) {
            try VenvCreator.create(at: directory.file("other"), base: inside)
        }
        #expect(!FileManager.default.fileExists(atPath: directory.file("other")))
    }

    @Test func creationWritesTheBaseVersionAndLinks() async throws {
        let directory = try TemporaryDirectory()
        let base = try await discovery(in: directory).findVenvBase(.path(python))
        let venv = try VenvCreator.create(at: directory.file("env"), base: base, prompt: "demo")
        let configuration = PyvenvConfiguration.parse(try String(contentsOfFile: venv.configurationPath, encoding: .utf8))
        #expect(configuration["version"] == "\(base.version.major).\(base.version.minor).\(base.version.micro)")
        #expect(configuration["home"] == URL(fileURLWithPath: python).deletingLastPathComponent().path)
        #expect(configuration["executable"] == python)
        #expect(configuration["prompt"] == "demo")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory.file("env/bin/python3.12")) == "python")
    }

    @Test func theBundledPipWheelIsFound() async throws {
        let directory = try TemporaryDirectory()
        let base = try await discovery(in: directory).findVenvBase(.path(python))
        let wheel = try #require(base.bundledPipWheel)
        #expect(wheel.hasPrefix(base.paths.stdlib + "/ensurepip/_bundled/pip-"))
        #expect(wheel.hasSuffix(".whl"))
    }

    @Test func noMatchingInterpreterIsADiscoveryError() async throws {
        let directory = try TemporaryDirectory()
        await #expect {
            try await discovery(in: directory).findVenvBase(.path(directory.file("missing/python")))
        } throws: { error in
            error as? VenvError == .interpreter(.interpreter(.notFound(path: directory.file("missing/python"))))
        }
    }
}
