import Foundation
@testable import Install
import Testing
import TestSupport

/// The journal's two outcomes after a kill: before the commit marker, staged files are removed
/// and the environment is as it was; after it, the transaction is finished.
struct TransactionRecoveryTests {
    private func stagedJournal(in directory: TemporaryDirectory) throws -> (EnvironmentTransaction, Journal) {
        let env = directory.file("env")
        try FileManager.default.createDirectory(atPath: env + "/pkg", withIntermediateDirectories: true)
        try "old\n".write(toFile: env + "/pkg/a.py", atomically: false, encoding: .utf8)
        try "gone\n".write(toFile: env + "/pkg/old.py", atomically: false, encoding: .utf8)
        try "new\n".write(toFile: env + "/pkg/.kiln-1-0", atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: env + "/newpkg", withIntermediateDirectories: true)
        try "b\n".write(toFile: env + "/newpkg/.kiln-1-1", atomically: false, encoding: .utf8)
        var journal = Journal()
        journal.createdDirectories = [env + "/newpkg"]
        journal.staged = [.init(temporary: env + "/pkg/.kiln-1-0", destination: env + "/pkg/a.py"),
                          .init(temporary: env + "/newpkg/.kiln-1-1", destination: env + "/newpkg/b.py")]
        journal.removals = [env + "/pkg/old.py"]
        let transaction = EnvironmentTransaction(stateDirectory: env + "/.kiln")
        try FileManager.default.createDirectory(atPath: env + "/.kiln", withIntermediateDirectories: true)
        try Data(journal.encoded()).write(to: URL(fileURLWithPath: transaction.journalPath))
        return (transaction, journal)
    }

    @Test func uncommittedTransactionRollsBack() throws {
        let directory = try TemporaryDirectory()
        let (transaction, _) = try stagedJournal(in: directory)
        #expect(try transaction.recover() == .rolledBack)
        let env = directory.file("env")
        #expect(try String(contentsOfFile: env + "/pkg/a.py", encoding: .utf8) == "old\n")
        #expect(FileManager.default.fileExists(atPath: env + "/pkg/old.py"))
        #expect(!FileManager.default.fileExists(atPath: env + "/pkg/.kiln-1-0"))
        #expect(!FileManager.default.fileExists(atPath: env + "/newpkg"))
        #expect(!FileManager.default.fileExists(atPath: transaction.journalPath))
    }

    @Test func committedTransactionIsCompletedEvenIfPartlyDone() throws {
        let directory = try TemporaryDirectory()
        let (transaction, _) = try stagedJournal(in: directory)
        let env = directory.file("env")
        // Killed after the first rename.
        #expect(rename(env + "/pkg/.kiln-1-0", env + "/pkg/a.py") == 0)
        FileManager.default.createFile(atPath: transaction.commitMarkerPath, contents: Data())
        #expect(try transaction.recover() == .completed)
        #expect(try String(contentsOfFile: env + "/pkg/a.py", encoding: .utf8) == "new\n")
        #expect(try String(contentsOfFile: env + "/newpkg/b.py", encoding: .utf8) == "b\n")
        #expect(!FileManager.default.fileExists(atPath: env + "/pkg/old.py"))
        #expect(!FileManager.default.fileExists(atPath: transaction.commitMarkerPath))
        #expect(try transaction.recover() == .nothingPending)
    }

    @Test func journalRoundTrips() throws {
        var journal = Journal()
        journal.createdDirectories = ["/e/d"]
        journal.staged = [.init(temporary: "/e/d/.kiln-1-0", destination: "/e/d/a b,c.py")]
        journal.removals = ["/e/x"]
        journal.removedTrees = ["/e/old-1.dist-info"]
        journal.pruneCandidates = ["/e/d"]
        #expect(try Journal(decoding: journal.encoded()) == journal)
    }
}
