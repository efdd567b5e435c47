import Foundation
import Install
import Python
import Testing
import TestSupport

/// `--system` targets come from an inspected interpreter: its prefix, its sysconfig scheme, and
/// PEP 668's EXTERNALLY-MANAGED file in its stdlib directory.
@Suite(.enabled(if: PyenvInterpreters.isAvailable("3.12"), "needs pyenv's Python 3.12"))
struct InstallTargetTests {
    private func inspect(_ system: RelocatedInterpreter) async throws -> Interpreter {
        try await InterpreterInspector(cacheDirectory: nil).inspect(system.executable)
    }

    private func relocated(in directory: TemporaryDirectory) throws -> RelocatedInterpreter {
        try RelocatedInterpreter(prefix: directory.file("system"), running: try #require(PyenvInterpreters.path(for: "3.12")))
    }

    @Test func systemTargetFollowsTheInterpretersScheme() async throws {
        let directory = try TemporaryDirectory()
        let system = try relocated(in: directory)
        let target = try InstallTarget.system(try await inspect(system), breakSystemPackages: false)
        #expect(target.kind == .system)
        #expect(target.root == system.prefix)
        #expect(target.pythonExecutable == system.executable)
        #expect(target.scheme == InstallScheme(
            purelib: system.sitePackages, platlib: system.sitePackages, scripts: system.prefix + "/bin",
            headersBase: system.prefix + "/include", data: system.prefix))
    }

    @Test func externallyManagedInterpreterIsRefusedUnlessOverridden() async throws {
        let directory = try TemporaryDirectory()
        let system = try relocated(in: directory)
        try system.markExternallyManaged()
        let interpreter = try await inspect(system)
        let marker = system.stdlib + "/EXTERNALLY-MANAGED"
        #expect(throws: InstallError.externallyManaged(interpreter: system.executable, marker: marker)) {
            try InstallTarget.system(interpreter, breakSystemPackages: false)
        }
        #expect(try InstallTarget.system(interpreter, breakSystemPackages: true).root == system.prefix)
        let message = InstallError.externallyManaged(interpreter: system.executable, marker: marker).description
        #expect(message.contains(system.executable) && message.contains(marker) && message.contains("--break-system-packages"))
    }
}
