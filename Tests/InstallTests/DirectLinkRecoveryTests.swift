import Foundation
@testable import Install
import Testing
import TestSupport

/// Files whose names are free are linked straight from the cache: package files before the commit
/// mark (`early`), `.dist-info` files after it. A committed run killed before or during those
/// links is finished by linking again; an uncommitted one is rolled back by unlinking them.
struct DirectLinkRecoveryTests {
    private func journalWithLinks(in directory: TemporaryDirectory, early: Bool = false) throws -> (EnvironmentTransaction, String, String) {
        let cached = directory.file("cache-a.py")
        try "from cache\n".write(toFile: cached, atomically: false, encoding: .utf8)
        let env = directory.file("env")
        try FileManager.default.createDirectory(atPath: env + "/pkg", withIntermediateDirectories: true)
        var journal = Journal()
        if early {
            journal.linkedEarly = [.init(source: cached, destination: env + "/pkg/a.py")]
        } else {
            journal.linked = [.init(source: cached, destination: env + "/pkg/a.py")]
        }
        let transaction = EnvironmentTransaction(stateDirectory: env + "/.kiln")
        try FileManager.default.createDirectory(atPath: env + "/.kiln", withIntermediateDirectories: true)
        try Data(journal.encoded()).write(to: URL(fileURLWithPath: transaction.journalPath))
        return (transaction, cached, env + "/pkg/a.py")
    }

    private func inode(_ path: String) throws -> UInt64 {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64)
    }

    @Test(arguments: [false, true]) func aCommittedRunKilledBeforeItsLinksIsFinished(early: Bool) throws {
        let directory = try TemporaryDirectory()
        let (transaction, cached, destination) = try journalWithLinks(in: directory, early: early)
        FileManager.default.createFile(atPath: transaction.commitMarkerPath, contents: Data())
        #expect(try transaction.recover() == .completed)
        #expect(try inode(destination) == inode(cached))
    }

    @Test(arguments: [false, true]) func aCommittedRunKilledAfterItsLinksIsFinishedWithoutChange(early: Bool) throws {
        let directory = try TemporaryDirectory()
        let (transaction, cached, destination) = try journalWithLinks(in: directory, early: early)
        try FileManager.default.linkItem(atPath: cached, toPath: destination)
        FileManager.default.createFile(atPath: transaction.commitMarkerPath, contents: Data())
        #expect(try transaction.recover() == .completed)
        #expect(try inode(destination) == inode(cached))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file("env/pkg")) == ["a.py"])
    }

    @Test(arguments: [false, true]) func anUncommittedRunLeavesTheFreeNameFree(early: Bool) throws {
        let directory = try TemporaryDirectory()
        let (transaction, _, destination) = try journalWithLinks(in: directory, early: early)
        #expect(try transaction.recover() == .rolledBack)
        #expect(!FileManager.default.fileExists(atPath: destination))
    }

    @Test func anUncommittedRunThatLinkedEarlyIsUndone() throws {
        let directory = try TemporaryDirectory()
        let (transaction, cached, destination) = try journalWithLinks(in: directory, early: true)
        try FileManager.default.linkItem(atPath: cached, toPath: destination)
        #expect(try transaction.recover() == .rolledBack)
        #expect(!FileManager.default.fileExists(atPath: destination))
        #expect(try String(contentsOfFile: cached, encoding: .utf8) == "from cache\n")
    }

    @Test func theJournalKeepsLinkRecords() throws {
        var journal = Journal()
        journal.linked = [.init(source: "/cache/x", destination: "/env/x")]
        journal.linkedEarly = [.init(source: "/cache/y", destination: "/env/y"), .init(source: "/cache/z", destination: "/env/w")]
        #expect(try Journal(decoding: journal.encoded()) == journal)
    }

    /// The files of one directory pair are one record; files whose names differ stay exact.
    @Test func linksOfOneDirectoryShareARecord() throws {
        var journal = Journal()
        journal.linked = [
            .init(source: "/cache/w/pkg/a.py", destination: "/env/site/pkg/a.py"),
            .init(source: "/cache/w/pkg/b c.py", destination: "/env/site/pkg/b c.py"),
            .init(source: "/cache/w/pkg/sub/d.py", destination: "/env/site/pkg/sub/d.py"),
            .init(source: "/cache/w/tool", destination: "/env/bin/renamed"),
        ]
        let text = String(decoding: journal.encoded(), as: UTF8.self)
        #expect(text.split(separator: "\n").map { $0.replacingOccurrences(of: "\0", with: "|") } == [
            "kiln-journal 2",
            "G|/cache/w/pkg|/env/site/pkg|a.py|b c.py",
            "G|/cache/w/pkg/sub|/env/site/pkg/sub|d.py",
            "L|/cache/w/tool|/env/bin/renamed",
        ])
        #expect(try Journal(decoding: journal.encoded()) == journal)
    }

    /// A journal an older kiln (format 1, a record per linked file) left behind is still read.
    @Test func readsTheFirstJournalFormat() throws {
        let old = "kiln-journal 1\nD\0/env/d\nL\0/cache/x\0/env/d/x\n"
        let journal = try Journal(decoding: Array(old.utf8))
        #expect(journal.createdDirectories == ["/env/d"])
        #expect(journal.linked == [.init(source: "/cache/x", destination: "/env/d/x")])
    }
}
