import Foundation
import SystemSupport
import Testing
import TestSupport
@testable import Cache

/// A local file's digest is read once and remembered while the file is unchanged.
@Suite struct LocalFileDigestsTests {
    /// Replaces the remembered digest, so a test can tell the memo answering from a fresh hash.
    private func forge(_ digests: LocalFileDigests, _ path: String, with forged: String) throws {
        let bucket = try digests.root.bucket(.fileDigests)
        let entry = bucket + "/" + (try FileSystem.listDirectory(bucket).first { !$0.hasPrefix(".") } ?? "")
        let text = try FileSystem.readText(entry)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[3] = forged
        try FileSystem.writeAtomically(lines.joined(separator: "\n"), to: entry)
    }

    private let forged = String(repeating: "ab", count: 32)

    @Test func anUnchangedFileIsNotReadAgain() async throws {
        let cache = try await TestCache.make()
        let file = cache.directory.file("six-1.0-py3-none-any.whl")
        try Files.write("wheel bytes", to: file)
        let digests = LocalFileDigests(root: cache.root)
        #expect(try digests.digest(of: file) == ArchiveDigest.of(bytes: Array("wheel bytes".utf8)))
        try forge(digests, file, with: forged)
        #expect(try digests.digest(of: file).hex == forged)
        // The same file by another spelling of its path is the same entry.
        #expect(try digests.digest(of: cache.directory.path + "/./six-1.0-py3-none-any.whl").hex == forged)
    }

    @Test func aRewrittenFileIsHashedAgainEvenWithItsOldSizeAndModificationTime() async throws {
        let cache = try await TestCache.make()
        let file = cache.directory.file("pkg-1.0-py3-none-any.whl")
        try Files.write("first", to: file)
        let digests = LocalFileDigests(root: cache.root)
        _ = try digests.digest(of: file)
        try forge(digests, file, with: forged)
        let before = try #require(try FileStatus.of(file))

        // Same length, and the modification time put back as `touch -d` would: only ctime differs.
        let fd = open(file, O_WRONLY)
        #expect(pwrite(fd, "other", 5, 0) == 5)
        var times = [timespec(tv_sec: Int(before.modificationSeconds), tv_nsec: Int(before.modificationNanoseconds)),
                     timespec(tv_sec: Int(before.modificationSeconds), tv_nsec: Int(before.modificationNanoseconds))]
        #expect(futimens(fd, &times) == 0)
        close(fd)
        #expect(try digests.digest(of: file) == ArchiveDigest.of(bytes: Array("other".utf8)))
    }

    @Test func aMissingFileIsAnError() async throws {
        let cache = try await TestCache.make()
        #expect(throws: CacheError.self) { try LocalFileDigests(root: cache.root).digest(of: cache.directory.file("absent.whl")) }
    }

    @Test func pruneForgetsDigestsOfFilesThatAreGoneAndKeepsTheRest() async throws {
        let directory = try TemporaryDirectory("kiln-cache-test")
        let path = directory.file("cache")
        let kept = directory.file("kept-1.0-py3-none-any.whl")
        let gone = directory.file("gone-1.0-py3-none-any.whl")
        try Files.write("kept", to: kept)
        try Files.write("gone", to: gone)
        var root: CacheRoot? = try await CacheRoot.open(at: path, lockTimeout: .seconds(5))
        if let root {
            _ = try LocalFileDigests(root: root).digest(of: kept)
            _ = try LocalFileDigests(root: root).digest(of: gone)
        }
        root = nil
        try FileManager.default.removeItem(atPath: gone)
        let bucket = path + "/file-digests-v1"
        #expect(try FileSystem.listDirectory(bucket).count == 2)

        let report = try await CacheMaintenance.open(at: path, lockTimeout: .seconds(5)).prune()
        #expect(report.removals.map(\.reason) == [.staleFileDigest])
        let remaining = try FileSystem.listDirectory(bucket)
        #expect(remaining.count == 1)
        #expect(try FileSystem.readText(bucket + "/" + remaining[0]).contains(try FileSystem.realPath(kept)))
    }
}
