import Foundation
import Testing
import TestSupport

/// libcurl and libarchive are loaded on first use, not at startup: commands that need neither
/// run without them, and one that needs a missing or broken one fails with a one-line error.
/// A stand-in library with no symbols, found first through LD_LIBRARY_PATH, plays the broken one.
@Suite struct LibraryLoadingTests {
    private func brokenLibraries() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory("kiln-libs")
        try "int kiln_nothing_here;\n".write(toFile: directory.file("empty.c"), atomically: false, encoding: .utf8)
        for name in ["libcurl.so.4", "libarchive.so.13"] {
            let built = try ProcessHelper.run("/usr/bin/env", ["cc", "-shared", "-o", directory.file(name), directory.file("empty.c")])
            try #require(built.status == 0, "cannot build a stand-in \(name): \(built.stderr)")
        }
        return directory
    }

    @Test func commandsThatNeedNeitherLibraryRunWithoutThem() throws {
        let libraries = try brokenLibraries()
        let environment = ["LD_LIBRARY_PATH": libraries.path]
        let version = try KilnBinary.run(["--version"], environment: environment)
        #expect(version.status == 0, "\(version.stderr)")
        let directory = try TemporaryDirectory()
        let cacheDir = try KilnBinary.run(["cache", "dir", "--cache-dir", directory.file("cache")], environment: environment)
        #expect(cacheDir.status == 0, "\(cacheDir.stderr)")
    }

    @Test func aBrokenLibcurlIsAOneLineErrorWhenTheIndexIsFirstNeeded() throws {
        let libraries = try brokenLibraries()
        let directory = try TemporaryDirectory()
        let result = try KilnBinary.run(
            ["compile", "six", "--index-url", "http://127.0.0.1:9/simple", "--cache-dir", directory.file("cache")],
            environment: ["LD_LIBRARY_PATH": libraries.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("libcurl.so.4 has no curl_global_init; it is too old for kiln"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }

    @Test(.enabled(if: WheelBuilder.python != nil, "needs a pyenv interpreter to build test wheels"))
    func aBrokenLibarchiveIsAOneLineErrorWhenAWheelIsFirstUnpacked() throws {
        let libraries = try brokenLibraries()
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.file("wheels"), withIntermediateDirectories: true)
        var builder = WheelBuilder(name: "tiny", version: "1.0")
        builder.files = [.init("tiny/__init__.py", "X = 1\n")]
        let wheel = try builder.build(in: directory.file("wheels"))
        let result = try KilnBinary.run(
            ["install", "--target", directory.file("target"), "--cache-dir", directory.file("cache"), wheel],
            environment: ["LD_LIBRARY_PATH": libraries.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("libarchive.so.13 has no archive_read_new; it is too old for kiln"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.file("target/tiny")))
    }
}
