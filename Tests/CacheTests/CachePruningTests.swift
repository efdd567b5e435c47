import Foundation
import PackagingModel
import SystemSupport
import Testing
import TestSupport
@testable import Cache

@Suite struct CachePruningTests {
    @Test func removesAbandonedTemporariesOrphanLocksUnlinkedWheelsAndEmptiedDirectories() async throws {
        let directory = try TemporaryDirectory("kiln-prune-test")
        let path = directory.file("cache")
        // Released before pruning: prune needs the root to itself.
        var root: CacheRoot! = try await CacheRoot.open(at: path, lockTimeout: .seconds(5))
        let wheels = try root.bucket(.wheels)
        // An unpacked wheel a venv links to, and one nothing links to (with its lock file).
        try Files.write("linked", to: wheels + "/aaaa/six.py")
        try Files.write("", to: wheels + "/aaaa/six-1.16.0.dist-info/RECORD")
        try FileManager.default.createDirectory(atPath: directory.file("venv"), withIntermediateDirectories: true)
        #expect(link(wheels + "/aaaa/six.py", directory.file("venv/six.py")) == 0)
        try Files.write("unlinked", to: wheels + "/bbbb/six.py")
        try Files.write("", to: wheels + "/bbbb/six-1.15.0.dist-info/RECORD")
        try Files.write("", to: wheels + "/.bbbb.lock")
        // Temporaries: a dead writer's, a live writer's, and a live pid's that is over an hour old.
        let builds = try root.entryPath(.builtWheels, ["demo"])
        try Files.write("half", to: builds + "/.demo.whl.tmp-\(Files.deadProcessID)-1")
        try Files.write("busy", to: builds + "/.demo2.whl.tmp-\(getpid())-2")
        try Files.write("old", to: builds + "/.demo3.whl.tmp-\(getpid())-3")
        Files.setModificationTime(builds + "/.demo3.whl.tmp-\(getpid())-3", secondsAgo: 7200)
        // Lock files with and without their entry.
        try Files.write("", to: builds + "/.gone.whl.lock")
        try Files.write("wheel", to: builds + "/kept.whl")
        try Files.write("", to: builds + "/.kept.whl.lock")
        // A directory with nothing but an orphan lock.
        try Files.write("", to: try root.entryPath(.metadata, ["numpy"]) + "/.numpy-2.0.metadata.lock")
        try Files.write("page", to: try root.entryPath(.simple, ["six", "page"]))
        // Parsed forms with and without the entry they were derived from.
        try Files.write("parsed", to: try root.entryPath(.simple, ["six", "page.parsed"]))
        try Files.write("stale", to: try root.entryPath(.simple, ["six", "gone.parsed"]))
        try Files.write("fields", to: try root.entryPath(.metadata, ["six", "ab12", "six-1.0-py3-none-any.whl.metadata.parsed"]))

        root = nil
        let report = try await CacheMaintenance.open(at: path, lockTimeout: .seconds(5)).prune()

        #expect(Files.tree(path) == [
            ".lock", "built-wheels-v1", "built-wheels-v1/demo", "built-wheels-v1/demo/.demo2.whl.tmp-\(getpid())-2",
            "built-wheels-v1/demo/.kept.whl.lock", "built-wheels-v1/demo/kept.whl",
            "metadata-v1", "simple-v1", "simple-v1/six", "simple-v1/six/page", "simple-v1/six/page.parsed",
            "wheels-v1", "wheels-v1/aaaa", "wheels-v1/aaaa/six-1.16.0.dist-info", "wheels-v1/aaaa/six-1.16.0.dist-info/RECORD",
            "wheels-v1/aaaa/six.py",
        ])
        let reasons = Dictionary(grouping: report.removals, by: { $0.reason.description }).mapValues { $0.map(\.path).sorted() }
        #expect(reasons[CacheRemovalReport.Reason.abandonedTemporary.description] == [
            "built-wheels-v1/demo/.demo.whl.tmp-\(Files.deadProcessID)-1", "built-wheels-v1/demo/.demo3.whl.tmp-\(getpid())-3",
        ])
        #expect(reasons[CacheRemovalReport.Reason.unlinkedWheel.description] == ["wheels-v1/bbbb"])
        #expect(reasons[CacheRemovalReport.Reason.orphanLock.description] == [
            "built-wheels-v1/demo/.gone.whl.lock", "metadata-v1/numpy/.numpy-2.0.metadata.lock", "wheels-v1/.bbbb.lock",
        ])
        #expect(reasons[CacheRemovalReport.Reason.orphanDerivedEntry.description] == [
            "metadata-v1/six/ab12/six-1.0-py3-none-any.whl.metadata.parsed", "simple-v1/six/gone.parsed",
        ])
        #expect(reasons[CacheRemovalReport.Reason.emptyDirectory.description] == ["metadata-v1/numpy", "metadata-v1/six", "metadata-v1/six/ab12"])
        #expect(report.entryCount == 5)
        let freed = ["half", "old", "unlinked", "stale", "fields"].map(\.utf8.count).reduce(0, +)
        #expect(report.bytesFreed == Int64(freed))
    }

    @Test func distInfoNamesGiveTheProject() {
        #expect(UnpackedWheel.project(ofDistInfo: "Zope_Interface-5.0.dist-info") == "zope-interface")
        #expect(UnpackedWheel.project(ofDistInfo: "python-dateutil-2.8.2.dist-info") == "python-dateutil")
    }

    @Test func lockNamesMapToTheirEntries() {
        #expect(CacheMaintenance.lockedEntryName(".six.whl.lock") == "six.whl")
        #expect(CacheMaintenance.lockedEntryName(".lock") == nil)
        #expect(CacheMaintenance.lockedEntryName("six.lock") == nil)
        #expect(CacheMaintenance.lockedEntryName("..lock") == nil)
    }
}
