import Foundation
import Testing
import TestSupport

/// `kiln venv`: an environment the interpreter and pip accept, written without `python -m venv`.
struct VenvEndToEndTests {
    @Test(.enabled(if: PyenvInterpreters.isAvailable("3.8"), "needs pyenv's Python 3.8"))
    func python38AcceptsTheVenv() throws { try expectAccepted("3.8") }

    @Test(.enabled(if: PyenvInterpreters.isAvailable("3.12"), "needs pyenv's Python 3.12"))
    func python312AcceptsTheVenv() throws { try expectAccepted("3.12") }

    @Test(.enabled(if: PyenvInterpreters.isAvailable("3.13"), "needs pyenv's Python 3.13"))
    func python313AcceptsTheVenv() throws { try expectAccepted("3.13") }

    private func expectAccepted(_ minor: String) throws {
        let sandbox = try InstallSandbox(minor: minor)
        let probe = try sandbox.run(["-c", "import sys, site; print(sys.prefix != sys.base_prefix, sys.prefix, site.getsitepackages()[0])"])
        #expect(probe.stdout == "True \(sandbox.venv) \(sandbox.venv)/lib/python\(minor)/site-packages\n")
    }

    @Test(.enabled(if: PyenvInterpreters.isAvailable("3.12"), "needs pyenv's Python 3.12"))
    func seededVenvRunsPip() throws {
        // Offline: --seed installs the pip wheel CPython bundles for ensurepip, with kiln's installer.
        let sandbox = try InstallSandbox(seed: true)
        let pip = try sandbox.run(["-m", "pip", "--version"])
        #expect(pip.status == 0)
        #expect(pip.stdout.hasPrefix("pip "))
        #expect(pip.stdout.contains(sandbox.venv))
        #expect(try ProcessHelper.run(sandbox.venv + "/bin/pip", ["--version"]).status == 0)
    }

    @Test(.enabled(if: PyenvInterpreters.isAvailable("3.12"), "needs pyenv's Python 3.12"))
    func activationPutsTheVenvFirstAndDeactivationUndoesIt() throws {
        let sandbox = try InstallSandbox()
        let script = ". '\(sandbox.venv)/bin/activate' && echo \"$VIRTUAL_ENV\" && command -v python && deactivate && echo \"${VIRTUAL_ENV-unset}\""
        let result = try ProcessHelper.run("/bin/bash", ["-c", script], environment: ["VIRTUAL_ENV": nil])
        #expect(result.stdout == "\(sandbox.venv)\n\(sandbox.venv)/bin/python\nunset\n")
    }

    @Test(.enabled(if: PyenvInterpreters.isAvailable("3.12"), "needs pyenv's Python 3.12"))
    func refusesToOverwriteADirectoryThatIsNotAVenv() throws {
        let directory = try TemporaryDirectory()
        let keep = directory.file("precious.txt")
        try "data".write(toFile: keep, atomically: false, encoding: .utf8)
        let python = try #require(PyenvInterpreters.path(for: "3.12"))
        let result = try KilnBinary.run(["venv", directory.path, "--python", python, "--cache-dir", directory.file("c")])
        #expect(result.status == 1)
        #expect(result.stderr.contains("not a virtual environment"))
        #expect(FileManager.default.fileExists(atPath: keep))
    }

    /// `--python` takes what discovery takes; a venv's interpreter stands for the one it was made
    /// from, so the new venv never depends on the old one.
    @Test(.enabled(if: PyenvInterpreters.isAvailable("3.12"), "needs pyenv's Python 3.12"))
    func aVenvMadeFromAnotherVenvUsesItsBaseInterpreter() throws {
        let sandbox = try InstallSandbox()
        let base = try String(contentsOfFile: sandbox.venv + "/pyvenv.cfg", encoding: .utf8)
        for request in [sandbox.venv, sandbox.venvPython] {
            let second = sandbox.directory.file("second")
            let result = try sandbox.kiln(["venv", second, "--python", request])
            #expect(result.status == 0, "\(result.stderr)")
            let configuration = try String(contentsOfFile: second + "/pyvenv.cfg", encoding: .utf8)
            #expect(configuration.replacingOccurrences(of: "prompt = second", with: "prompt = venv") == base)
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: second + "/bin/python") == sandbox.python)
        }
    }

    @Test(.enabled(if: PyenvInterpreters.isAvailable("3.12"), "needs pyenv's Python 3.12"))
    func aVersionRequestFindsTheInterpreter() throws {
        let directory = try TemporaryDirectory()
        let result = try KilnBinary.run(
            ["venv", directory.file("env"), "--python", "3.12", "--cache-dir", directory.file("c")],
            environment: ["VIRTUAL_ENV": nil], workingDirectory: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Created a virtual environment for Python 3.12."))
        let configuration = try String(contentsOfFile: directory.file("env/pyvenv.cfg"), encoding: .utf8)
        #expect(configuration.contains("version = 3.12."))
    }
}
