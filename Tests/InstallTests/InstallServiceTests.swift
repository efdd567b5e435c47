import Foundation
@testable import Install
import PackagingModel
import Testing
import TestSupport

/// Installing into a `--target` style directory: the spread of a wheel's members (PEP 427),
/// generated files, RECORD, reinstall and uninstall.
@Suite(.enabled(if: WheelBuilder.python != nil, "needs a pyenv interpreter to build test wheels"))
struct InstallServiceTests {
    @Test func installsEveryKindOfMemberWhereItBelongs() async throws {
        let fixture = try await InstallFixture()
        let wheel = try fixture.build(demoWheel())
        let installed = try await fixture.service().install([WheelSource(path: wheel)])
        #expect(installed.map(\.name.original) == ["demo"])
        #expect(fixture.environmentFiles() == [
            "bin/demo", "bin/demo-gui", "bin/demo-raw",
            "demo-1.0.dist-info/INSTALLER", "demo-1.0.dist-info/METADATA", "demo-1.0.dist-info/RECORD",
            "demo-1.0.dist-info/REQUESTED", "demo-1.0.dist-info/WHEEL", "demo-1.0.dist-info/direct_url.json",
            "demo-1.0.dist-info/entry_points.txt",
            "demo/__init__.py", "demo/cli.py", "include/demo/demo.h", "share/demo/readme.txt",
        ])
        let root = fixture.root
        #expect(try String(contentsOfFile: root + "/bin/demo-raw", encoding: .utf8) == "#!/usr/bin/python3\nprint('raw')\n")
        #expect(try String(contentsOfFile: root + "/demo-1.0.dist-info/INSTALLER", encoding: .utf8) == "kiln\n")
        let launcher = try String(contentsOfFile: root + "/bin/demo", encoding: .utf8)
        #expect(launcher.hasPrefix("#!/usr/bin/python3\n"))
        #expect(launcher.contains("from demo.cli import main"))
        #expect(FileManager.default.isExecutableFile(atPath: root + "/bin/demo"))
        let directURL = try String(contentsOfFile: root + "/demo-1.0.dist-info/direct_url.json", encoding: .utf8)
        #expect(directURL.contains("\"url\": \"file://\(wheel)\""))
        #expect(try recordMismatches(distInfo: root + "/demo-1.0.dist-info").isEmpty)
        let record = try String(contentsOfFile: root + "/demo-1.0.dist-info/RECORD", encoding: .utf8)
        #expect(record.contains("bin/demo,sha256="))
        #expect(record.contains("demo-1.0.dist-info/RECORD,,\n"))
        #expect(!FileManager.default.fileExists(atPath: root + "/.kiln/journal"))
    }

    @Test func hardLinksFromTheCacheAndCopiesWhenAsked() async throws {
        let linked = try await InstallFixture()
        try await linked.service().install([WheelSource(path: try linked.build(demoWheel()))])
        let linkCount = try FileManager.default.attributesOfItem(atPath: linked.root + "/demo/cli.py")[.referenceCount] as? Int
        #expect(linkCount == 2)

        let copied = try await InstallFixture()
        try await copied.service().install([WheelSource(path: try copied.build(demoWheel()))], options: InstallOptions(linkMode: .copy))
        let copyCount = try FileManager.default.attributesOfItem(atPath: copied.root + "/demo/cli.py")[.referenceCount] as? Int
        #expect(copyCount == 1)
    }

    /// A cache on another file system cannot be linked from: every file is copied, and (probed
    /// once, before the journal is written) staged before the commit like any replaced file.
    @Test func copiesWhenTheCacheIsOnAnotherFileSystem() async throws {
        let other = "/dev/shm"
        var shm = stat(), temporary = stat()
        try #require(stat(other, &shm) == 0 && stat(NSTemporaryDirectory(), &temporary) == 0 && shm.st_dev != temporary.st_dev,
                     "needs /dev/shm on a file system other than the temp dir's; skipping")
        let fixture = try await InstallFixture(cacheIn: other)
        let installed = try await fixture.service().install([WheelSource(path: try fixture.build(demoWheel()))])
        #expect(installed.map(\.name.original) == ["demo"])
        let linkCount = try FileManager.default.attributesOfItem(atPath: fixture.root + "/demo/cli.py")[.referenceCount] as? Int
        #expect(linkCount == 1)
        #expect(try recordMismatches(distInfo: fixture.root + "/demo-1.0.dist-info").isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.root + "/.kiln").filter { $0 != "lock" }.isEmpty)
    }

    @Test func aWheelNamedTwiceIsInstalledOnceAndTwoVersionsAreRefused() async throws {
        let fixture = try await InstallFixture()
        let wheel = try fixture.build(demoWheel())
        let twice = try await fixture.service().install([WheelSource(path: wheel), WheelSource(path: wheel)])
        #expect(twice.map(\.version) == ["1.0"])
        #expect(try recordMismatches(distInfo: fixture.root + "/demo-1.0.dist-info").isEmpty)

        let other = try await InstallFixture()
        let one = try other.build(demoWheel(version: "1.0"))
        let two = try other.build(demoWheel(version: "2.0"))
        await #expect(throws: InstallError.conflictingWheels(name: "demo", wheels: [one, two])) {
            try await other.service().install([WheelSource(path: one), WheelSource(path: two)])
        }
        #expect(other.environmentFiles().isEmpty)
    }

    @Test func sameVersionIsSkippedUnlessReinstalling() async throws {
        let fixture = try await InstallFixture()
        let wheel = try fixture.build(demoWheel())
        try await fixture.service().install([WheelSource(path: wheel)])
        #expect(try await fixture.service().install([WheelSource(path: wheel)]).isEmpty)
        let again = try await fixture.service().install([WheelSource(path: wheel)], options: InstallOptions(reinstall: true))
        #expect(again.map(\.version) == ["1.0"])
    }

    @Test func upgradeRemovesWhatTheNewVersionLacksAndKeepsOneDistInfo() async throws {
        let fixture = try await InstallFixture()
        try await fixture.service().install([WheelSource(path: try fixture.build(demoWheel(version: "1.0", extraModule: "old")))])
        try FileManager.default.createDirectory(atPath: fixture.root + "/demo/__pycache__", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: fixture.root + "/demo/__pycache__/old.cpython-312.pyc", contents: Data())
        try await fixture.service().install([WheelSource(path: try fixture.build(demoWheel(version: "2.0")))])
        let files = fixture.environmentFiles()
        #expect(!files.contains("demo/old.py"))
        #expect(!files.contains("demo/__pycache__/old.cpython-312.pyc"))
        #expect(files.filter { $0.hasSuffix(".dist-info/METADATA") } == ["demo-2.0.dist-info/METADATA"])
        #expect(try String(contentsOfFile: fixture.root + "/demo/__init__.py", encoding: .utf8) == "VERSION = '2.0'\n")
        #expect(try recordMismatches(distInfo: fixture.root + "/demo-2.0.dist-info").isEmpty)
    }

    @Test func uninstallRemovesEverythingItInstalled() async throws {
        let fixture = try await InstallFixture()
        try await fixture.service().install([WheelSource(path: try fixture.build(demoWheel()))])
        FileManager.default.createFile(atPath: fixture.root + "/unrelated.txt", contents: Data())
        let removed = try await fixture.service().uninstall([try PackageName("Demo")])
        #expect(removed.map(\.version) == ["1.0"])
        #expect(fixture.environmentFiles() == ["unrelated.txt"])
        #expect(!FileManager.default.fileExists(atPath: fixture.root + "/demo"))
        #expect(FileManager.default.fileExists(atPath: fixture.root + "/bin"))
    }

    @Test func uninstallNeverTouchesFilesOutsideTheEnvironment() async throws {
        let fixture = try await InstallFixture()
        try await fixture.service().install([WheelSource(path: try fixture.build(demoWheel()))])
        let outside = fixture.directory.file("outside.txt")
        FileManager.default.createFile(atPath: outside, contents: Data("keep".utf8))
        let recordPath = fixture.root + "/demo-1.0.dist-info/RECORD"
        let record = try String(contentsOfFile: recordPath, encoding: .utf8)
        try (record + "../outside.txt,,\n\(outside),,\n").write(toFile: recordPath, atomically: false, encoding: .utf8)
        _ = try await fixture.service().uninstall([try PackageName("demo")])
        #expect(FileManager.default.fileExists(atPath: outside))
    }

    @Test func uninstallReadsLegacyInstalledFilesText() async throws {
        let fixture = try await InstallFixture()
        let root = fixture.root
        try FileManager.default.createDirectory(atPath: root + "/legacy-0.1.egg-info", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/legacy", withIntermediateDirectories: true)
        try "Metadata-Version: 1.0\nName: legacy\nVersion: 0.1\n".write(toFile: root + "/legacy-0.1.egg-info/PKG-INFO", atomically: false, encoding: .utf8)
        try "../legacy/__init__.py\nPKG-INFO\n../../../etc/hosts\n".write(toFile: root + "/legacy-0.1.egg-info/installed-files.txt", atomically: false, encoding: .utf8)
        FileManager.default.createFile(atPath: root + "/legacy/__init__.py", contents: Data())
        _ = try await fixture.service().uninstall([try PackageName("legacy")])
        #expect(fixture.environmentFiles().isEmpty)
        #expect(FileManager.default.fileExists(atPath: "/etc/hosts"))
    }

    @Test func uninstallingSomethingAbsentFailsAndRemovesNothing() async throws {
        let fixture = try await InstallFixture()
        try await fixture.service().install([WheelSource(path: try fixture.build(demoWheel()))])
        await #expect(throws: InstallError.notInstalled(["nothere"])) {
            _ = try await fixture.service().uninstall([try PackageName("demo"), try PackageName("nothere")])
        }
        #expect(fixture.environmentFiles().contains("demo/cli.py"))
    }
}

extension InstallServiceTests {
    /// rename(2) between two links of one inode is a no-op: a reinstall from the same cache entry
    /// must still leave no temporaries behind.
    @Test func reinstallFromTheSameCacheEntryLeavesNoTemporaries() async throws {
        let fixture = try await InstallFixture()
        let wheel = try fixture.build(demoWheel())
        try await fixture.service().install([WheelSource(path: wheel)])
        try await fixture.service().install([WheelSource(path: wheel)], options: InstallOptions(reinstall: true))
        let names = try FileManager.default.subpathsOfDirectory(atPath: fixture.root).filter { $0.contains(".kiln-") }
        #expect(names.isEmpty)
    }
}
