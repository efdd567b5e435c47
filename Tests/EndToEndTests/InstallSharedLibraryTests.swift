import Foundation
import Testing
import TestSupport

/// Issue 4: a running interpreter holds a C extension loaded while `kiln install --reinstall`
/// replaces its version with another. The process keeps working (its mapping is the old inode,
/// which a rename-replace leaves intact), and the path now names a new inode.
/// The extension is compiled here with gcc against the pyenv interpreter's headers.
@Suite(.enabled(if: PyenvInterpreters.isAvailable("3.12") && FileManager.default.isExecutableFile(atPath: "/usr/bin/gcc"),
                "needs pyenv's Python 3.12 and gcc"))
struct InstallSharedLibraryTests {
    private func extensionWheel(_ version: String, sandbox: InstallSandbox) throws -> String {
        let config = try ProcessHelper.run(sandbox.python, ["-c", "import sysconfig; print(sysconfig.get_paths()['include']); print(sysconfig.get_config_var('EXT_SUFFIX'))"])
        let lines = config.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 2)
        let source = sandbox.directory.file("speedups-\(version).c")
        try """
            #define PY_SSIZE_T_CLEAN
            #include <Python.h>
            static PyObject *version(PyObject *self, PyObject *unused) { return PyUnicode_FromString("\(version)"); }
            static PyMethodDef methods[] = {{"version", version, METH_NOARGS, NULL}, {NULL, NULL, 0, NULL}};
            static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_speedups", NULL, -1, methods};
            PyMODINIT_FUNC PyInit__speedups(void) { return PyModule_Create(&module); }
            """.write(toFile: source, atomically: false, encoding: .utf8)
        let library = sandbox.directory.file("_speedups-\(version).so")
        let compiled = try ProcessHelper.run("/usr/bin/gcc", ["-shared", "-fPIC", "-O1", "-I", lines[0], source, "-o", library])
        try #require(compiled.status == 0, "gcc failed: \(compiled.stderr)")

        var builder = WheelBuilder(name: "fastext", version: version)
        builder.tag = "cp312-cp312-linux_x86_64"
        builder.rootIsPurelib = false
        var member = WheelBuilder.Member("fastext/_speedups\(lines[1])", "")
        member.contents = Array(try Data(contentsOf: URL(fileURLWithPath: library)))
        member.executable = true
        builder.files = [.init("fastext/__init__.py", ""), member]
        return try builder.build(in: sandbox.wheels)
    }

    @Test func runningProcessKeepsItsExtensionWhileItIsReplaced() async throws {
        let sandbox = try InstallSandbox()
        let old = try extensionWheel("1.0", sandbox: sandbox)
        let new = try extensionWheel("2.0", sandbox: sandbox)
        #expect(try sandbox.install([old]).status == 0)

        let signals = sandbox.directory.file("signals")
        try FileManager.default.createDirectory(atPath: signals, withIntermediateDirectories: true)
        let holder = try KilledProcess.start(sandbox.venvPython, ["-c", """
            import os, sys, time
            import fastext._speedups as s
            d = sys.argv[1]
            open(d + "/ready.tmp", "w").write("%s %d" % (s.version(), os.stat(s.__file__).st_ino))
            os.rename(d + "/ready.tmp", d + "/ready")
            while not os.path.exists(d + "/go"):
                time.sleep(0.01)
            open(d + "/after.tmp", "w").write("%s %d" % (s.version(), os.stat(s.__file__).st_ino))
            os.rename(d + "/after.tmp", d + "/after")
            """, signals])
        defer { _ = holder.kill() }
        try waitFor(signals + "/ready")
        let before = try String(contentsOfFile: signals + "/ready", encoding: .utf8).split(separator: " ")

        let reinstall = try sandbox.install([new], ["--reinstall"])
        #expect(reinstall.status == 0, "\(reinstall.stderr)")
        FileManager.default.createFile(atPath: signals + "/go", contents: Data())
        try waitFor(signals + "/after")
        let after = try String(contentsOfFile: signals + "/after", encoding: .utf8).split(separator: " ")

        #expect(before.first == "1.0")
        #expect(after.first == "1.0", "the running process still calls into the library it loaded")
        #expect(before.last != after.last, "the .so at that path is a new inode")
        let fresh = try sandbox.run(["-c", "import fastext._speedups as s; print(s.version())"])
        #expect(fresh.stdout == "2.0\n")
        #expect(try sandbox.consistencyProblems() == [])
    }

    private func waitFor(_ path: String) throws {
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: path) {
            try #require(Date() < deadline, "timed out waiting for \(path)")
            usleep(10_000)
        }
    }
}
