import Foundation
import Testing
import TestSupport

/// The index client as a user meets it through the kiln binary: clear errors that name the host
/// and never a password, `--offline` from a warm cache, and no second transfer of a cached wheel.
@Suite(.enabled(if: PyenvInterpreters.isAvailable("3.12"), "needs CPython 3.12 from pyenv"))
struct IndexEndToEndTests {
    /// The interpreter by path: a pyenv shim named `python3.12` on PATH may not run.
    let python = PyenvInterpreters.path(for: "3.12") ?? "3.12"

    /// One wheel (`tinypkg`) served with an HTML page listing its hash.
    struct ServedWheel {
        let directory: TemporaryDirectory
        let server: LoopbackIndexServer
        let filename: String

        init() throws {
            directory = try TemporaryDirectory("kiln-e2e-index")
            try FileManager.default.createDirectory(atPath: directory.file("files"), withIntermediateDirectories: true)
            var builder = WheelBuilder(name: "tinypkg", version: "1.0")
            builder.files = [WheelBuilder.Member("tinypkg.py", "VALUE = 1\n")]
            filename = builder.filename
            let path = try builder.build(in: directory.file("files"))
            let digest = try ProcessHelper.run("/usr/bin/sha256sum", [path]).stdout.prefix(64)
            try FileManager.default.createDirectory(atPath: directory.file("simple/tinypkg"), withIntermediateDirectories: true)
            try "<a href=\"../../files/\(filename)#sha256=\(digest)\">\(filename)</a>\n"
                .write(toFile: directory.file("simple/tinypkg/index.html"), atomically: false, encoding: .utf8)
            server = try LoopbackIndexServer(root: directory.path)
        }
    }

    @Test func anUnreachableIndexGivesOneErrorNamingTheHostWithoutThePassword() throws {
        let work = try TemporaryDirectory("kiln-e2e-down")
        let result = try KilnBinary.run([
            "install", "tinypkg", "--target", work.file("target"), "--python", python,
            "--index-url", "http://alice:hunter2@127.0.0.1:1/simple/", "--cache-dir", work.file("cache"),
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot reach 127.0.0.1:1"), "\(result.stderr)")
        #expect(!result.stderr.contains("hunter2"))
        #expect(!result.stdout.contains("hunter2"))
        #expect(result.stderr.components(separatedBy: "error:").count == 2, "one error line: \(result.stderr)")
    }

    @Test func offlineInstallsFromAWarmCacheWithoutTouchingTheServer() throws {
        let served = try ServedWheel()
        let work = try TemporaryDirectory("kiln-e2e-offline")
        let common = ["--python", python, "--index-url", served.server.url("/simple/"), "--cache-dir", work.file("cache")]
        let cold = try KilnBinary.run(["install", "tinypkg", "--target", work.file("one")] + common)
        #expect(cold.status == 0, "\(cold.stderr)")
        try served.server.clear()

        let offline = try KilnBinary.run(["install", "tinypkg", "--target", work.file("two"), "--offline"] + common)
        #expect(offline.status == 0, "\(offline.stderr)")
        #expect(FileManager.default.fileExists(atPath: work.file("two/tinypkg.py")))
        #expect(try served.server.requests().isEmpty)
    }

    @Test func offlineWithAColdCacheNamesThePageItLacks() throws {
        let served = try ServedWheel()
        let work = try TemporaryDirectory("kiln-e2e-offline-cold")
        let result = try KilnBinary.run([
            "install", "tinypkg", "--target", work.file("target"), "--python", python, "--offline",
            "--index-url", served.server.url("/simple/"), "--cache-dir", work.file("cache"),
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains(served.server.url("/simple/tinypkg/")), "\(result.stderr)")
        #expect(result.stderr.contains("--offline"))
        #expect(try served.server.requests().isEmpty)
    }

    @Test func aSecondRunRevalidatesThePageButNeverDownloadsTheWheelAgain() throws {
        let served = try ServedWheel()
        let work = try TemporaryDirectory("kiln-e2e-warm")
        let common = ["--python", python, "--index-url", served.server.url("/simple/"), "--cache-dir", work.file("cache")]
        for target in ["one", "two"] {
            let result = try KilnBinary.run(["install", "tinypkg", "--target", work.file(target), "--refresh"] + common)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let pages = try served.server.requests(for: "/simple/tinypkg/")
        #expect(pages.count == 2)
        #expect(pages.last?.headers["if-none-match"] != nil)
        let wheelGets = try served.server.requests(for: "/files/" + served.filename).filter { $0.headers["range"] == nil }
        #expect(wheelGets.count == 1)
    }
}
