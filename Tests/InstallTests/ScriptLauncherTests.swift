@testable import Install
import Testing

struct ScriptLauncherTests {
    @Test func shortPathsGetADirectShebang() {
        #expect(ScriptLauncher.shebang(for: "/venv/bin/python") == "#!/venv/bin/python\n")
    }

    /// Linux truncates `#!` lines at 127 bytes: longer paths go through /bin/sh.
    @Test func longOrSpacedPathsGetTheShellTrampoline() {
        let long = "/" + String(repeating: "d", count: 130) + "/bin/python"
        #expect(ScriptLauncher.shebang(for: long) == "#!/bin/sh\n'''exec' '\(long)' \"$0\" \"$@\"\n' '''\n")
        #expect(ScriptLauncher.shebang(for: "/my env/bin/python").hasPrefix("#!/bin/sh\n"))
    }

    @Test func pythonShebangIsRewrittenKeepingArguments() {
        let rewritten = ScriptLauncher.rewritingPythonShebang(Array("#!python -u\nprint(1)\n".utf8), python: "/v/bin/python")
        #expect(String(decoding: rewritten, as: UTF8.self) == "#!/v/bin/python -u\nprint(1)\n")
        let other = Array("#!/bin/bash\necho\n".utf8)
        #expect(ScriptLauncher.rewritingPythonShebang(other, python: "/v/bin/python") == other)
    }

    @Test func entryPointsRejectUnsafeNames() throws {
        let scripts = try EntryPoints.scripts(in: "[console_scripts]\ntool = pkg.cli:main.run [extra]\n", file: "e")
        #expect(scripts == [ScriptEntryPoint(name: "tool", module: "pkg.cli", attribute: "main.run")])
        #expect(throws: WheelProblemError.self) { try EntryPoints.scripts(in: "[console_scripts]\n../../x = a:b\n", file: "e") }
        #expect(throws: WheelProblemError.self) { try EntryPoints.scripts(in: "[gui_scripts]\nx = a;import os:b\n", file: "e") }
    }

    @Test func recordRoundTripsQuotedPaths() throws {
        let record = RecordFile(rows: [.init(path: "a,b.py", hash: "sha256=x", size: 3), .init(path: "R", hash: "", size: nil)])
        #expect(record.text == "\"a,b.py\",sha256=x,3\nR,,\n")
        #expect(try RecordFile(parsing: record.text, file: "R") == record)
        #expect(URLSafeBase64.encode([0xfb, 0xff]) == "-_8")
    }
}
