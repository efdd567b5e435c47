import Foundation
import Testing
import TestSupport

/// `kiln cache clean` on a tree made read-only (`chmod -R a-w`, as some build backends and the
/// archive store leave files), run by an unprivileged user: root ignores file modes, so as root
/// the binary is run as `nobody`.
@Suite struct CacheCleanReadOnlyTests {
    static let nobody: UInt32 = 65534

    @Test func cleanRemovesAReadOnlyTreeAsAnUnprivilegedUser() throws {
        let directory = try TemporaryDirectory("kiln-readonly-clean")
        let cache = directory.file("cache")
        let result = try Self.cleanReadOnly(cache, in: directory, arguments: [])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(CacheFixture.tree(cache) == [".lock"], "the tree should be gone")
        #expect(result.stderr.contains("Removed everything in \(cache)"))
    }

    @Test func cleanByNameRemovesEntriesFromAReadOnlyTreeAsAnUnprivilegedUser() throws {
        let directory = try TemporaryDirectory("kiln-readonly-clean")
        let cache = directory.file("cache")
        let result = try Self.cleanReadOnly(cache, in: directory, arguments: ["python-dateutil", "six"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!CacheFixture.tree(cache).contains { $0.contains("dateutil") || $0.contains("six") })
        #expect(CacheFixture.tree(cache).contains("built-wheels-v1/demo/build/lib/demo/__init__.py"))
    }

    /// Fills `cache`, makes it read-only and owned by the user who runs `kiln cache clean ARGUMENTS`.
    static func cleanReadOnly(_ cache: String, in directory: TemporaryDirectory, arguments: [String]) throws -> KilnBinary.Result {
        let isRoot = geteuid() == 0
        if !isRoot {
            // Not root: file modes already apply to this user, so the test runs as it.
            print("CacheCleanReadOnlyTests: not root, running `kiln cache clean` as the current user")
        }
        try CacheFixture.populate(cache)
        try CacheFixture.write("x", to: cache + "/built-wheels-v1/demo/build/lib/demo/__init__.py")
        // A root lock file left by an earlier run: read-only too, which a shared or exclusive flock allows.
        try CacheFixture.write("", to: cache + "/.lock")
        var command = [KilnBinary.path]
        if isRoot {
            // nobody must reach the binary and the cache: a copy in a 0755 directory, a 0755 parent.
            let binaryDirectory = directory.file("bin")
            try FileManager.default.createDirectory(atPath: binaryDirectory, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: KilnBinary.path, toPath: binaryDirectory + "/kiln")
            chmod(directory.path, 0o755)
            chmod(binaryDirectory, 0o755)
            chmod(binaryDirectory + "/kiln", 0o755)
            try chownTree(cache, to: nobody)
            command = ["/usr/bin/setpriv", "--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups", binaryDirectory + "/kiln"]
        }
        try makeReadOnly(cache)
        return try ProcessHelper.run(command[0], Array(command.dropFirst()) + ["cache", "clean", "--cache-dir", cache] + arguments,
                                     environment: ["HOME": directory.path])
    }

    static func chownTree(_ root: String, to user: UInt32) throws {
        chown(root, user, user)
        for relative in CacheFixture.tree(root) { lchown(root + "/" + relative, user, user) }
    }

    /// Directories 0555, files 0444, deepest first so the walk can still list them.
    static func makeReadOnly(_ root: String) throws {
        for relative in CacheFixture.tree(root).reversed() {
            let path = root + "/" + relative
            var info = stat()
            lstat(path, &info)
            chmod(path, (info.st_mode & S_IFMT) == S_IFDIR ? 0o555 : 0o444)
        }
        chmod(root, 0o555)
    }
}
