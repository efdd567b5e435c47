import Foundation
import Testing
import TestSupport

/// A served directory of wheels made by WheelBuilder, with HTML simple pages (hashes, upload times).
struct LoopbackWheelIndex {
    let directory: TemporaryDirectory
    let server: LoopbackIndexServer

    /// The server stops by itself after `lifetime` seconds (a long stress run needs more).
    init(_ wheels: [WheelBuilder], lifetime: TimeInterval = 600) throws {
        directory = try TemporaryDirectory("kiln-e2e-index")
        let files = directory.file("files")
        try FileManager.default.createDirectory(atPath: files, withIntermediateDirectories: true)
        var links: [String: [String]] = [:]
        for wheel in wheels {
            let path = try wheel.build(in: files)
            let digest = try ProcessHelper.run("/usr/bin/sha256sum", [path]).stdout.prefix(64)
            links[wheel.name, default: []].append(
                "<a href=\"../../files/\(wheel.filename)#sha256=\(digest)\" data-upload-time=\"2024-01-01T00:00:00Z\">\(wheel.filename)</a>")
        }
        for (project, anchors) in links {
            let folder = directory.file("simple/\(project)")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try ("<html><body>\n" + anchors.joined(separator: "\n") + "\n</body></html>\n")
                .write(toFile: folder + "/index.html", atomically: false, encoding: .utf8)
        }
        server = try LoopbackIndexServer(root: directory.path, lifetime: lifetime)
    }

    var indexURL: String { server.url("/simple/") }

    /// `six` with a `six.py`, so that `import six` works once installed.
    static func six(_ version: String) -> WheelBuilder {
        var builder = WheelBuilder(name: "six", version: version)
        builder.files = [WheelBuilder.Member("six.py", "__version__ = '\(version)'\n")]
        return builder
    }

    /// GET requests for a file without a Range header: whole transfers.
    func wholeTransfers(of filename: String) throws -> Int {
        try server.requests(for: "/files/" + filename).filter { $0.method == "GET" && $0.headers["range"] == nil }.count
    }
}

@Suite(.enabled(if: PyenvInterpreters.isAvailable("3.12"), "needs CPython 3.12 from pyenv"))
struct CompileEndToEndTests {
    private func index() throws -> LoopbackWheelIndex {
        try LoopbackWheelIndex([LoopbackWheelIndex.six("1.16.0"), LoopbackWheelIndex.six("1.17.0")])
    }

    @Test func compilePrintsPinsAndWritesThemAtomically() async throws {
        let index = try index()
        let work = try TemporaryDirectory("kiln-e2e-compile")
        let arguments = ["compile", "six", "--python", "3.12", "--index-url", index.indexURL, "--cache-dir", work.file("cache")]
        let printed = try KilnBinary.run(arguments)
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout == "six==1.17.0\n")

        let requirements = work.file("requirements.in")
        try "six<1.17 # older\n".write(toFile: requirements, atomically: false, encoding: .utf8)
        let written = try KilnBinary.run(["compile", "-r", requirements, "-o", work.file("out.txt"), "--python", "3.12",
                                          "--index-url", index.indexURL, "--cache-dir", work.file("cache")])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.isEmpty)
        #expect(try String(contentsOfFile: work.file("out.txt"), encoding: .utf8) == "six==1.16.0\n")
    }

    @Test func aConflictExitsOneWithAnExplanation() async throws {
        let index = try index()
        let work = try TemporaryDirectory("kiln-e2e-compile")
        let result = try KilnBinary.run(["compile", "six>=2", "--python", "3.12", "--index-url", index.indexURL, "--cache-dir", work.file("cache")])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("no solution"))
        #expect(result.stderr.contains("six"))
        #expect(!result.stderr.contains("Traceback"))
    }

    @Test func editablesAreRefusedClearly() async throws {
        let work = try TemporaryDirectory("kiln-e2e-compile")
        let requirements = work.file("r.txt")
        try "-e ./project\n".write(toFile: requirements, atomically: false, encoding: .utf8)
        let result = try KilnBinary.run(["compile", "-r", requirements, "--python", "3.12", "--cache-dir", work.file("cache"), "--no-index"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("r.txt:1"))
        #expect(result.stderr.contains("kiln install -e ./project"))
    }
}

@Suite(.enabled(if: PyenvInterpreters.isAvailable("3.12"), "needs CPython 3.12 from pyenv"))
struct ResolveInstallEndToEndTests {
    /// Eight `kiln install six==1.17.0` into eight venvs at once, one cold cache: all succeed and
    /// the server sends the wheel once.
    @Test func concurrentInstallsShareOneTransfer() async throws {
        let index = try LoopbackWheelIndex([LoopbackWheelIndex.six("1.17.0")])
        let work = try TemporaryDirectory("kiln-e2e-concurrent")
        let python = try #require(PyenvInterpreters.path(for: "3.12"))
        for number in 0..<8 {
            let made = try KilnBinary.run(["venv", work.file("venv\(number)"), "--python", python, "--cache-dir", work.file("venv-cache")])
            try #require(made.status == 0, "\(made.stderr)")
        }
        let results = try await withThrowingTaskGroup(of: KilnBinary.Result.self) { group in
            for number in 0..<8 {
                group.addTask {
                    try KilnBinary.run(["install", "six==1.17.0", "--python", work.file("venv\(number)"),
                                        "--index-url", index.indexURL, "--cache-dir", work.file("cache")],
                                       environment: ["VIRTUAL_ENV": nil])
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for result in results { #expect(result.status == 0, "\(result.stderr)") }
        for number in 0..<8 {
            #expect(FileManager.default.fileExists(atPath: work.file("venv\(number)/lib/python3.12/site-packages/six-1.17.0.dist-info/METADATA")))
        }
        #expect(try index.wholeTransfers(of: "six-1.17.0-py3-none-any.whl") == 1)
    }

    @Test func dryRunThenInstallThenAlreadySatisfied() async throws {
        let index = try LoopbackWheelIndex([LoopbackWheelIndex.six("1.17.0")])
        let sandbox = try InstallSandbox()
        let common = ["--python", sandbox.venv, "--index-url", index.indexURL]
        let dry = try sandbox.kiln(["install", "six"] + common + ["--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout == "Would install six==1.17.0\n")
        let installed = try sandbox.kiln(["install", "six"] + common)
        #expect(installed.status == 0, "\(installed.stderr)")
        #expect(try sandbox.run(["-c", "import six"]).status == 0)
        try index.server.clear()
        let again = try sandbox.kiln(["install", "six"] + common)
        #expect(again.status == 0)
        #expect(again.stderr.contains("already satisfied"))
        #expect(try index.server.requests().isEmpty)
    }
}
