import Foundation
import Testing
import TestSupport

/// Real wheels from the index (six, click, markupsafe, numpy, black and black's dependencies),
/// fetched with pip and installed by kiln into a kiln-seeded venv; enabled with KILN_NETWORK_TESTS=1.
@Suite(.enabled(if: NetworkTests.enabled && PyenvInterpreters.isAvailable("3.12"), "network suite (KILN_NETWORK_TESTS=1) with pyenv's Python 3.12"))
struct NetworkInstallTests {
    private func download(_ sandbox: InstallSandbox) throws -> [String]? {
        let arguments = ["-m", "pip", "download", "--disable-pip-version-check", "--only-binary", ":all:",
                         "-d", sandbox.wheels, "six", "click", "markupsafe", "numpy", "black"]
        for attempt in 1...3 {
            let result = try ProcessHelper.run(sandbox.venvPython, arguments, timeout: 600)
            if result.status == 0 {
                return try FileManager.default.contentsOfDirectory(atPath: sandbox.wheels)
                    .filter { $0.hasSuffix(".whl") }.map { sandbox.wheels + "/" + $0 }
            }
            if attempt < 3 { sleep(UInt32(attempt * 5)) }
        }
        return nil
    }

    @Test func realWheelsImportRunAndAgreeWithPip() async throws {
        let sandbox = try InstallSandbox(seed: true)
        guard let wheels = try download(sandbox) else {
            Issue.record("the index is unreachable: pip download failed three times")
            return
        }
        let install = try sandbox.install(wheels)
        #expect(install.status == 0, "\(install.stderr)")
        let imports = try sandbox.run(["-c", "import six, click, markupsafe, markupsafe._speedups, numpy, black; print(numpy.arange(3).sum())"])
        #expect(imports.stdout == "3\n", "\(imports.stderr)")
        let black = try ProcessHelper.run(sandbox.venv + "/bin/black", ["--version"])
        #expect(black.status == 0 && black.stdout.contains("black"), "\(black.stderr)")
        #expect(try ProcessHelper.run(sandbox.venv + "/bin/f2py", ["-v"]).status == 0)

        let pipList = try sandbox.run(["-m", "pip", "list", "--format", "freeze", "--disable-pip-version-check"])
        let kilnList = try sandbox.kiln(["list", "--python", sandbox.venv, "--format", "freeze"])
        let normalize = { (text: String) in Set(text.lowercased().replacingOccurrences(of: "_", with: "-").split(separator: "\n")) }
        #expect(normalize(pipList.stdout) == normalize(kilnList.stdout))
        let check = try sandbox.run(["-m", "pip", "check", "--disable-pip-version-check"])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(try sandbox.consistencyProblems() == [])

        let uninstall = try sandbox.kiln(["uninstall", "--python", sandbox.venv, "numpy"])
        #expect(uninstall.status == 0)
        #expect(!FileManager.default.fileExists(atPath: sandbox.venv + "/lib/python3.12/site-packages/numpy"))
    }
}
