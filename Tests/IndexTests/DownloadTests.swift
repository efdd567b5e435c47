import Cache
import Foundation
import Index
import Testing
import TestSupport

@Suite struct DownloadTests {
    @Test func aWarmRunNeverDownloadsAFileTwice() async throws {
        let rig = try await IndexTestRig()
        let file = try rig.fixture.add(project: "six", filename: "six-1.0-py3-none-any.whl")
        let index = try rig.index()
        let listed = try #require(try await index.project(packageName("six")).files.first)
        let first = try await index.download(listed)
        let second = try await index.download(listed)
        #expect(first.wasDownloaded)
        #expect(!second.wasDownloaded)
        #expect(first.path == second.path)
        #expect(first.path.contains("archives-v1/sha256/\(file.sha256.prefix(2))/\(file.sha256)/six-1.0-py3-none-any.whl"))
        #expect(try rig.server.requestCount(for: "/files/six-1.0-py3-none-any.whl") == 1)
    }

    @Test func aWrongHashIsRejectedAndNothingIsCached() async throws {
        let rig = try await IndexTestRig()
        let file = try rig.fixture.add(project: "six", filename: "six-1.0.tar.gz")
        try rig.server.inject(.corrupt, path: "/files/six-1.0.tar.gz", times: 1)
        let index = try rig.index()
        let listed = try #require(try await index.project(packageName("six")).files.first)
        do {
            _ = try await index.download(listed)
            Issue.record("expected a hash mismatch")
        } catch {
            guard case .hashMismatch(let filename, _, let expected, let actual) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(filename == "six-1.0.tar.gz")
            #expect(expected == file.sha256)
            #expect(actual != file.sha256)
            #expect(error.description.contains(expected) && error.description.contains(actual))
        }
        let entry = try ArchiveStore(root: rig.cache).lookup(ArchiveDigest(hex: file.sha256), filename: file.filename)
        #expect(entry == nil)
        // The next try gets the real bytes.
        let retried = try await index.download(listed)
        #expect(retried.wasDownloaded)
    }

    @Test func aTruncatedBodyIsRejectedAndNothingIsCached() async throws {
        let rig = try await IndexTestRig()
        let file = try rig.fixture.add(project: "six", filename: "six-1.0.tar.gz", size: 100_000)
        try rig.server.inject(.truncate, path: "/files/six-1.0.tar.gz", times: -1)
        let index = try rig.index()
        let listed = try #require(try await index.project(packageName("six")).files.first)
        await #expect(throws: IndexError.self) { try await index.download(listed) }
        let entry = try ArchiveStore(root: rig.cache).lookup(ArchiveDigest(hex: file.sha256), filename: file.filename)
        #expect(entry == nil)
    }

    /// Eight concurrent requests for one file into one cold cache: one transfer, eight results, one
    /// entry. The tasks each take the entry's flock through their own descriptor, as separate
    /// processes would. (Eight *processes* need a kiln command that downloads; see the report.)
    @Test func concurrentRequestsForOneFileDownloadItOnce() async throws {
        let rig = try await IndexTestRig()
        let file = try rig.fixture.add(project: "six", filename: "six-1.0.tar.gz", size: 500_000)
        let index = try rig.index()
        let listed = try #require(try await index.project(packageName("six")).files.first)
        let results = try await withThrowingTaskGroup(of: DownloadedFile.self) { group in
            for _ in 0..<8 { group.addTask { try await index.download(listed) } }
            var all: [DownloadedFile] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 8)
        #expect(results.filter(\.wasDownloaded).count == 1)
        #expect(Set(results.map(\.path)).count == 1)
        #expect(results.allSatisfy { $0.sha256 == file.sha256 })
        #expect(try rig.server.requestCount(for: "/files/six-1.0.tar.gz") == 1)
        let digestDirectory = try #require(results.first.map { ($0.path as NSString).deletingLastPathComponent })
        let entries = try FileManager.default.contentsOfDirectory(atPath: digestDirectory).filter { !$0.hasPrefix(".") }
        #expect(entries == ["six-1.0.tar.gz"])
    }
}
