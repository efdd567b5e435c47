import Foundation
import Testing
import TestSupport

/// `kiln install`/`list`/`uninstall` on wheels built by the tests, in a venv kiln created and
/// seeded with pip, checked by the interpreter and by pip itself.
@Suite(.enabled(if: PyenvInterpreters.isAvailable("3.12"), "needs pyenv's Python 3.12"))
struct InstallEndToEndTests {
    private func demo(_ version: String = "1.0") -> WheelBuilder {
        var builder = WheelBuilder(name: "kiln-demo", version: version)
        builder.files = [
            .init("kiln_demo/__init__.py", "VERSION = '\(version)'\n"),
            .init("kiln_demo/cli.py", "import kiln_demo\ndef main():\n    print('kiln-demo ' + kiln_demo.VERSION)\n"),
            .init("kiln_demo-\(version).data/scripts/kiln-demo-raw", "#!python\nprint('raw script')\n", executable: true),
        ]
        builder.entryPoints = "[console_scripts]\nkiln-demo = kiln_demo.cli:main\n"
        return builder
    }

    @Test func installedPackageImportsRunsAndAgreesWithPip() async throws {
        let sandbox = try InstallSandbox(seed: true)
        let wheel = try demo().build(in: sandbox.wheels)
        let result = try sandbox.install([wheel])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "kiln-demo==1.0\n")
        // Wheels installed as given (no resolution, no summary) say what each became.
        #expect(result.stderr.contains("Installing kiln_demo 1.0"))

        #expect(try sandbox.run(["-c", "import kiln_demo; print(kiln_demo.VERSION)"]).stdout == "1.0\n")
        #expect(try ProcessHelper.run(sandbox.venv + "/bin/kiln-demo", []).stdout == "kiln-demo 1.0\n")
        #expect(try ProcessHelper.run(sandbox.venv + "/bin/kiln-demo-raw", []).stdout == "raw script\n")

        let pipList = try sandbox.run(["-m", "pip", "list", "--format", "freeze", "--disable-pip-version-check"])
        let kilnList = try sandbox.kiln(["list", "--python", sandbox.venv, "--format", "freeze"])
        #expect(Set(pipList.stdout.split(separator: "\n")) == Set(kilnList.stdout.split(separator: "\n")))
        #expect(pipList.stdout.contains("kiln-demo==1.0") || pipList.stdout.contains("kiln_demo==1.0"))
        let check = try sandbox.run(["-m", "pip", "check", "--disable-pip-version-check"])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(try sandbox.consistencyProblems() == [])

        let json = try sandbox.kiln(["list", "--python", sandbox.venv, "--format", "json"])
        #expect(json.stdout.contains("{\"name\": \"kiln-demo\", \"version\": \"1.0\"}"))

        let uninstall = try sandbox.kiln(["uninstall", "--python", sandbox.venv, "kiln-demo"])
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.venv + "/bin/kiln-demo"))
        let after = try sandbox.run(["-m", "pip", "list", "--format", "freeze", "--disable-pip-version-check"])
        #expect(!after.stdout.lowercased().contains("kiln"))
        #expect(try sandbox.consistencyProblems() == [])
    }

    @Test func compileWritesBytecodeAndRecordsIt() async throws {
        let sandbox = try InstallSandbox()
        let result = try sandbox.install([try demo().build(in: sandbox.wheels)], ["--compile"])
        #expect(result.status == 0, "\(result.stderr)")
        let site = sandbox.venv + "/lib/python3.12/site-packages"
        let pycache = try FileManager.default.contentsOfDirectory(atPath: site + "/kiln_demo/__pycache__")
        #expect(pycache.contains("cli.cpython-312.pyc"))
        let record = try String(contentsOfFile: site + "/kiln_demo-1.0.dist-info/RECORD", encoding: .utf8)
        #expect(record.contains("kiln_demo/__pycache__/cli.cpython-312.pyc,,"))
        #expect(try sandbox.kiln(["uninstall", "--python", sandbox.venv, "kiln-demo"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: site + "/kiln_demo"))
    }

    @Test func hostileWheelLeavesTheVenvUntouched() async throws {
        let sandbox = try InstallSandbox()
        var builder = demo()
        builder.files.append(.init("../../../../escaped.txt", "x"))
        let result = try sandbox.install([try builder.build(in: sandbox.wheels)])
        #expect(result.status == 1)
        #expect(result.stderr.contains("climbs out of the install directory"))
        let site = try FileManager.default.contentsOfDirectory(atPath: sandbox.venv + "/lib/python3.12/site-packages")
        #expect(site.isEmpty)
    }

    @Test func targetDirectoryInstall() async throws {
        let sandbox = try InstallSandbox()
        let target = sandbox.directory.file("layer")
        let result = try sandbox.kiln(["install", "--target", target, "--python", sandbox.python, try demo().build(in: sandbox.wheels)])
        #expect(result.status == 0, "\(result.stderr)")
        let imported = try ProcessHelper.run(sandbox.python, ["-c", "import kiln_demo; print(kiln_demo.__file__)"], environment: ["PYTHONPATH": target])
        #expect(imported.stdout == target + "/kiln_demo/__init__.py\n")
        #expect(FileManager.default.isExecutableFile(atPath: target + "/bin/kiln-demo"))
    }

    /// PEP 668: `--system` refuses an interpreter whose stdlib holds EXTERNALLY-MANAGED. A stand-in
    /// interpreter reports a prefix of its own, so no real installation is modified.
    @Test func systemInstallRefusesExternallyManagedInterpreter() async throws {
        let sandbox = try InstallSandbox()
        let system = try RelocatedInterpreter(prefix: sandbox.directory.file("system"), running: sandbox.python)
        try system.markExternallyManaged()
        let wheel = try demo().build(in: sandbox.wheels)
        let refused = try sandbox.kiln(["install", "--system", "--python", system.executable, wheel])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("the Python interpreter \(system.executable) is externally managed"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: system.sitePackages))
        let forced = try sandbox.kiln(["install", "--system", "--break-system-packages", "--python", system.executable, wheel])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(FileManager.default.fileExists(atPath: system.sitePackages + "/kiln_demo/cli.py"))
        // Installed scripts run the interpreter that was inspected.
        let script = try String(contentsOfFile: system.prefix + "/bin/kiln-demo", encoding: .utf8)
        #expect(script.contains(system.executable))
        // Listing changes nothing, so PEP 668 does not stand in its way.
        let listed = try sandbox.kiln(["list", "--system", "--python", system.executable, "--format", "freeze"])
        #expect(listed.stdout == "kiln-demo==1.0\n", "\(listed.stderr)")
    }
}
