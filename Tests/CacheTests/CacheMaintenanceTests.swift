import Foundation
import PackagingModel
import SystemSupport
import Testing
import TestSupport
@testable import Cache

@Suite struct CacheMaintenanceTests {
    /// A cache holding entries of `six` and `python-dateutil` in every bucket that has them.
    func populatedCache() async throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory("kiln-clean-test")
        let path = directory.file("cache")
        let root = try await CacheRoot.open(at: path, lockTimeout: .seconds(5))
        let archives = ArchiveStore(root: root)
        for filename in ["six-1.16.0-py2.py3-none-any.whl", "six-1.16.0.tar.gz", "python-dateutil-2.8.2.tar.gz",
                         "python_dateutil-2.8.2-py2.py3-none-any.whl", "sixth-1.0.tar.gz"] {
            _ = try await archives.store(filename: filename) { temporary in
                try FileSystem.writeAtomically(Array(filename.utf8), to: temporary)
                return ArchiveDigest.of(bytes: Array(filename.utf8))
            }
        }
        let pages = SimplePageStore(root: root)
        for name in ["six", "python-dateutil"] {
            let url = "https://pypi.org/simple/\(name)/"
            try pages.write(CachedResponse(url: url, body: Array("page".utf8)), for: SimplePageKey(url: url, package: try PackageName(name)))
        }
        let unpacked = try root.entryPath(.wheels, [String(repeating: "5", count: 64)])
        try Files.write("unpacked", to: unpacked + "/six.py")
        try Files.write("Name: six", to: unpacked + "/six-1.16.0.dist-info/METADATA")
        try Files.write("", to: try root.bucket(.wheels) + "/." + String(repeating: "5", count: 64) + ".lock")
        try Files.write("probe", to: try root.entryPath(.interpreters, ["abc"]))
        try Files.write("built", to: try root.entryPath(.builtWheels, ["0123abcd", "six-1.16.0-py3-none-any.whl"]))
        return (directory, path)
    }

    @Test func cleanAllRemovesEverythingButTheRootLock() async throws {
        let (directory, path) = try await populatedCache()
        let report = try await CacheMaintenance.open(at: path, lockTimeout: .seconds(5)).cleanAll()
        #expect(Files.tree(path) == [".lock"])
        #expect(report.removals.allSatisfy { $0.reason == .everything })
        #expect(Set(report.removals.map(\.path)) == ["archives-v1", "simple-v1", "wheels-v1", "interpreters-v1", "built-wheels-v1"])
        #expect(report.bytesFreed > 0)
        _ = directory
    }

    @Test func cleanByNameRemovesOnlyThatPackagesEntries() async throws {
        let (directory, path) = try await populatedCache()
        let maintenance = try await CacheMaintenance.open(at: path, lockTimeout: .seconds(5))
        let report = try maintenance.clean(packages: [try PackageName("Python_Dateutil")])
        let remaining = Files.tree(path)
        #expect(!remaining.contains { $0.contains("dateutil") })
        #expect(remaining.contains { $0.hasSuffix("/six-1.16.0.tar.gz") })
        #expect(remaining.contains { $0.hasSuffix("/sixth-1.0.tar.gz") })
        #expect(remaining.contains("simple-v1/six"))
        let dateutil = try PackageName("python-dateutil")
        #expect(report.removals.filter { $0.reason == .package(dateutil) }.count == 3)
        #expect(report.entryCount == 3)
        #expect(report.bytesFreed == Int64("python-dateutil-2.8.2.tar.gz".utf8.count + "python_dateutil-2.8.2-py2.py3-none-any.whl".utf8.count + 0) + pageBytes(report))
        _ = directory
    }

    @Test func cleanOfSixLeavesSixth() async throws {
        let (directory, path) = try await populatedCache()
        let report = try await CacheMaintenance.open(at: path, lockTimeout: .seconds(5)).clean(packages: [try PackageName("six")])
        let remaining = Files.tree(path)
        #expect(!remaining.contains { $0.hasSuffix("/six-1.16.0.tar.gz") || $0.hasSuffix("/six-1.16.0-py2.py3-none-any.whl") })
        #expect(!remaining.contains { $0.hasPrefix("wheels-v1/") })
        #expect(remaining.contains { $0.hasSuffix("/sixth-1.0.tar.gz") })
        #expect(report.entryCount == 5)
        #expect(report.removals.contains { $0.path == "built-wheels-v1/0123abcd/six-1.16.0-py3-none-any.whl" })
        #expect(!remaining.contains("built-wheels-v1/0123abcd"), "emptied by the removal")
        #expect(report.removals.contains { $0.reason == .orphanLock && $0.path.hasPrefix("wheels-v1/.") })
        // Emptied digest directories go too.
        #expect(remaining.filter { $0.hasPrefix("archives-v1/sha256/") && $0.split(separator: "/").count == 4 }.count == 3)
        _ = directory
    }

    @Test func cleanRemovesReadOnlyTrees() async throws {
        let (directory, path) = try await populatedCache()
        try makeReadOnly(path)
        let report = try await CacheMaintenance.open(at: path, lockTimeout: .seconds(5)).cleanAll()
        #expect(Files.tree(path) == [".lock"])
        #expect(!report.removals.isEmpty)
        _ = directory
    }

    @Test func cleanOfAMissingCacheRemovesNothing() async throws {
        let directory = try TemporaryDirectory()
        let report = try await CacheMaintenance.open(at: directory.file("none"), lockTimeout: .seconds(5)).cleanAll()
        #expect(report.removals.isEmpty)
    }

    @Test func maintenanceWaitsForProcessesUsingTheCacheAndSaysSo() async throws {
        let directory = try TemporaryDirectory()
        let user = try await CacheRoot.open(at: directory.file("cache"), lockTimeout: .seconds(5))
        var messages: [String] = []
        await #expect(throws: CacheError.self) {
            _ = try await CacheMaintenance.open(at: user.path, lockTimeout: .milliseconds(100), onWait: { messages.append($0) })
        }
        #expect(messages.count == 1)
        #expect(messages.first?.contains("other kiln processes are using it") == true)
        _ = user
    }

    func pageBytes(_ report: CacheRemovalReport) -> Int64 {
        report.removals.filter { $0.path.hasPrefix("simple-v1/") }.reduce(0) { $0 + $1.bytes }
    }

    /// `chmod -R a-w`: directories 0555, files 0444.
    func makeReadOnly(_ root: String) throws {
        for relative in Files.tree(root).reversed() {
            let full = root + "/" + relative
            var info = stat()
            lstat(full, &info)
            chmod(full, (info.st_mode & S_IFMT) == S_IFDIR ? 0o555 : 0o444)
        }
        chmod(root, 0o555)
    }
}
