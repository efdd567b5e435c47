import Foundation
import Testing
import TestSupport

/// `kiln cache dir | clean | prune` as a user runs them.
@Suite struct CacheCommandTests {
    @Test func dirPrintsTheConfiguredPath() throws {
        let directory = try TemporaryDirectory()
        let explicit = try KilnBinary.run(["cache", "dir", "--cache-dir", directory.file("c")])
        #expect(explicit.status == 0)
        #expect(explicit.stdout == directory.file("c") + "\n")

        let fromEnvironment = try KilnBinary.run(["cache", "dir"], environment: ["KILN_CACHE_DIR": directory.file("e")])
        #expect(fromEnvironment.stdout == directory.file("e") + "\n")

        let fromXDG = try KilnBinary.run(["cache", "dir"], environment: ["KILN_CACHE_DIR": nil, "XDG_CACHE_HOME": directory.path])
        #expect(fromXDG.stdout == directory.file("kiln") + "\n")
    }

    @Test func cleanByNameRemovesThatPackageAndReportsIt() throws {
        let directory = try TemporaryDirectory()
        let cache = directory.file("cache")
        try CacheFixture.populate(cache)
        let result = try KilnBinary.run(["cache", "clean", "Python_Dateutil", "--cache-dir", cache])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Removed 2 entries for python-dateutil from \(cache), freed "))
        let remaining = CacheFixture.tree(cache)
        #expect(!remaining.contains { $0.contains("dateutil") })
        #expect(remaining.contains { $0.hasSuffix("/six-1.16.0.dist-info/RECORD") })
    }

    @Test func cleanListsEachRemovalWithVerbose() throws {
        let directory = try TemporaryDirectory()
        let cache = directory.file("cache")
        try CacheFixture.populate(cache)
        let result = try KilnBinary.run(["cache", "clean", "six", "-v", "--cache-dir", cache])
        #expect(result.status == 0)
        #expect(result.stderr.contains("Removed wheels-v1/\(String(repeating: "c", count: 64)) (entry of six, 4 B)"), "\(result.stderr)")
    }

    @Test func cleanEverythingLeavesOnlyTheRootLock() throws {
        let directory = try TemporaryDirectory()
        let cache = directory.file("cache")
        try CacheFixture.populate(cache)
        let result = try KilnBinary.run(["cache", "clean", "--cache-dir", cache])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Removed everything in \(cache), freed 17 B"), "\(result.stderr)")
        #expect(CacheFixture.tree(cache) == [".lock"])
    }

    @Test func cleanOfAnEmptyCacheSaysSo() throws {
        let directory = try TemporaryDirectory()
        let result = try KilnBinary.run(["cache", "clean", "--cache-dir", directory.file("never-made")])
        #expect(result.status == 0)
        #expect(result.stderr.contains("Nothing to remove"))
    }

    @Test func anInvalidPackageNameIsAUsageError() throws {
        let directory = try TemporaryDirectory()
        let result = try KilnBinary.run(["cache", "clean", "bad!name", "--cache-dir", directory.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("'bad!name' is not a valid package name"))
    }

    @Test func pruneRemovesWhatKilledProcessesLeft() throws {
        let directory = try TemporaryDirectory()
        let cache = directory.file("cache")
        try CacheFixture.populate(cache)
        let abandoned = cache + "/built-wheels-v1/demo/.demo-1.0-py3-none-any.whl.tmp-4194321-1"
        try CacheFixture.write("half a wheel", to: abandoned)
        try CacheFixture.write("", to: cache + "/built-wheels-v1/demo/.demo-1.0-py3-none-any.whl.lock")
        let result = try KilnBinary.run(["cache", "prune", "--cache-dir", cache])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("freed 16 B"), "\(result.stderr)")  // the temporary and the unlinked unpacked wheel
        #expect(!CacheFixture.tree(cache).contains { $0.hasPrefix("built-wheels-v1") && $0 != "built-wheels-v1" })
        #expect(!CacheFixture.tree(cache).contains { $0.hasPrefix("wheels-v1/") })
        #expect(CacheFixture.tree(cache).contains("simple-v1/six"))
    }

    @Test func aBadLockTimeoutIsReported() throws {
        let directory = try TemporaryDirectory()
        let result = try KilnBinary.run(["cache", "prune", "--cache-dir", directory.path], environment: ["KILN_LOCK_TIMEOUT": "soon"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("KILN_LOCK_TIMEOUT='soon' is not a number of seconds"))
    }

    @Test func noCacheUsesATemporaryCacheRemovedAtExit() throws {
        let directory = try TemporaryDirectory()
        let result = try KilnBinary.run(["cache", "debug-obtain", "probe", "--size", "10", "--no-cache"],
                                        environment: ["TMPDIR": directory.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("produced " + directory.path + "/kiln-no-cache-"))
        #expect(CacheFixture.tree(directory.path).isEmpty)
    }
}

/// A small cache tree written directly, as kiln's stores lay it out.
enum CacheFixture {
    static func populate(_ cache: String) throws {
        let digest = String(repeating: "ab", count: 32)
        try write("sdist", to: cache + "/archives-v1/sha256/ab/\(digest)/python-dateutil-2.8.2.tar.gz")
        try write("page", to: cache + "/simple-v1/python-dateutil/0123456789abcdef")
        try write("page", to: cache + "/simple-v1/six/0123456789abcdef")
        try write("code", to: cache + "/wheels-v1/\(String(repeating: "c", count: 64))/six.py")
        try write("", to: cache + "/wheels-v1/\(String(repeating: "c", count: 64))/six-1.16.0.dist-info/RECORD")
    }

    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func tree(_ directory: String) -> [String] {
        ((FileManager.default.enumerator(atPath: directory)?.allObjects as? [String]) ?? []).sorted()
    }
}
