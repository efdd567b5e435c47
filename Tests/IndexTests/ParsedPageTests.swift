import Cache
import Foundation
import PackagingModel
import SystemSupport
import Testing
import TestSupport
@testable import Index

/// The parsed form of project pages: read back exactly, and never trusted when it does not match
/// the stored response (cut short, bytes changed, derived from another body, older layout).
@Suite struct ParsedPageTests {
    func url(_ text: String) throws -> ParsedURL { try #require(ParsedURL(text)) }

    @Test func everyFieldReadsBackAndFactsComeFromTheFileName() throws {
        let six = try PackageName("six")
        let credentials = ParsedURL.Credentials(user: "me", password: "secret")
        let onPage = try url("https://files.example/six-1.0-py2.py3-none-any.whl")
        let files = [
            IndexFile(filename: "six-1.0-py2.py3-none-any.whl",
                      url: ParsedURL(scheme: onPage.scheme, credentials: credentials, host: onPage.host, port: nil, path: onPage.path, query: nil, fragment: nil),
                      hashes: FileHashes(["sha256": "ab" + String(repeating: "0", count: 62), "md5": "ff"]),
                      requiresPython: ">=3.8", yanked: .yanked(reason: "broken"),
                      coreMetadata: .available(FileHashes(["sha256": String(repeating: "1", count: 64)])),
                      uploadTime: Timestamp(microsecondsSinceEpoch: 1_700_000_000_123_456), size: 4096),
            IndexFile(filename: "six-1.0.tar.gz", url: try url("https://other.example/six-1.0.tar.gz?x=1"), hashes: FileHashes(),
                      requiresPython: ">=3.8", yanked: .yanked(reason: nil), coreMetadata: .available(FileHashes())),
            IndexFile(filename: "sixteen-2.0.tar.gz", url: try url("https://files.example/sixteen-2.0.tar.gz"), hashes: FileHashes()),
            IndexFile(filename: "six-2.0b1-cp312-cp312-manylinux_2_17_x86_64.whl", url: try url("https://u:p@files.example/a.whl"), hashes: FileHashes()),
        ]
        let parsed = ParsedFiles(files, project: six, pageCredentials: credentials)
        #expect(Array(parsed) == files)
        #expect(parsed.count == 4)

        let wheel = parsed.facts(record: 0)
        #expect(wheel.kind == .wheel)
        #expect(wheel.version.map(parsed.string) == "1.0")
        #expect(wheel.tagTriple.map(parsed.string) == "py2.py3-none-any")
        #expect(wheel.yanked && wheel.yankReason.map(parsed.string) == "broken")
        let sdist = parsed.facts(record: 1)
        #expect(sdist.kind == .sourceDistribution && sdist.version.map(parsed.string) == "1.0")
        #expect(sdist.yanked && sdist.yankReason == nil)
        #expect(sdist.requiresPython == wheel.requiresPython, "equal texts share one id")
        #expect(parsed.facts(record: 2).kind == .foreign)
        #expect(parsed.facts(record: 3).tagTriple.map(parsed.string) == "cp312-cp312-manylinux_2_17_x86_64")
        #expect(parsed.filename(record: 3) == files[3].filename)

        // Only the first file says when it was uploaded: a cutoff keeps it alone, or nothing.
        let kept = parsed.keeping(uploadedNoLaterThan: Timestamp(microsecondsSinceEpoch: 1_700_000_000_123_456))
        #expect(Array(kept) == [files[0]])
        #expect(kept.record(at: 0) == 0)
        #expect(Array(kept.keeping(uploadedNoLaterThan: Timestamp(microsecondsSinceEpoch: 1_600_000_000_000_000))).isEmpty)
    }

    func wheel(_ filename: String, uploaded seconds: Int64? = nil) throws -> IndexFile {
        IndexFile(filename: filename, url: try url("https://files.example/" + filename), hashes: FileHashes(),
                  uploadTime: seconds.map { Timestamp(microsecondsSinceEpoch: $0 * 1_000_000) })
    }

    /// The version table: the project's own distributions by version, newest first, equal
    /// versions written differently merged, files that cannot be installed left out.
    @Test func theVersionTableGroupsTheProjectsFilesNewestFirst() throws {
        let files = [
            try wheel("demo-1.0-py3-none-any.whl", uploaded: 300),
            try wheel("demo-2.0.tar.gz", uploaded: 500),
            try wheel("demo-1.0.0.tar.gz", uploaded: 100),
            try wheel("demo-10.0rc1-py3-none-any.whl"),
            try wheel("other-3.0.tar.gz", uploaded: 50),
            try wheel("demo-not.a.version.tar.gz", uploaded: 50),
            try wheel("demo-4.0-py3-none-.whl", uploaded: 50),
            try wheel("demo-2.0-cp312-cp312-manylinux_2_17_x86_64.whl", uploaded: 400),
        ]
        let parsed = ParsedFiles(files, project: try PackageName("demo"))
        let versions = (0..<parsed.versionCount).map { parsed.versionText(group: $0).map(parsed.string) }
        #expect(versions == ["10.0rc1", "2.0", "1.0"])
        #expect((0..<parsed.versionCount).map { parsed.records(group: $0) } == [[3], [1, 7], [0, 2]])
        #expect(parsed.versionText(group: 3) == nil && parsed.records(group: -1).isEmpty)

        // 1.0's earliest file is at 100 s, 2.0's at 400 s; 10.0rc1 says nothing, so never listed.
        let cut = parsed.keeping(uploadedNoLaterThan: Timestamp(microsecondsSinceEpoch: 300 * 1_000_000))
        #expect((0..<cut.versionCount).map { cut.groupMayBeListed($0) } == [false, false, true])
        #expect(cut.records(group: 2) == [0, 2])
        let tighter = parsed.keeping(uploadedNoLaterThan: Timestamp(microsecondsSinceEpoch: 450 * 1_000_000))
        #expect(tighter.groupMayBeListed(1) && tighter.records(group: 1) == [7])
    }

    /// A version table naming records the page does not have (a writer's bug under a sound
    /// checksum) reads as those files being absent: no trap, no other file's bytes.
    @Test func recordNumbersOutOfRangeReadAsAbsent() throws {
        let files = [try wheel("demo-1.0-py3-none-any.whl"), try wheel("demo-1.0.tar.gz")]
        let digest = [UInt8](repeating: 3, count: 32)
        var bytes = ParsedPageEncoder.encode(files, project: try PackageName("demo"), pageCredentials: nil, source: .init(length: 9, digest: digest))
        let parsed = try #require(ParsedFiles(PageBytes.copying(bytes), sourceLength: 9, sourceDigest: digest, pageCredentials: nil))
        // The grouped record numbers sit just before the string bytes.
        let groupedStart = parsed.groupedOffset
        bytes.replaceSubrange(groupedStart..<groupedStart + 4, with: [0xff, 0xff, 0, 0])
        let checksum = bytes[ParsedPageLayout.headerSize...].withUnsafeBytes { PageChecksum.of($0) }
        withUnsafeBytes(of: checksum.littleEndian) { bytes.replaceSubrange(ParsedPageLayout.Offset.checksum..<ParsedPageLayout.Offset.checksum + 8, with: $0) }
        let damaged = try #require(ParsedFiles(PageBytes.copying(bytes), sourceLength: 9, sourceDigest: digest, pageCredentials: nil))
        #expect(damaged.records(group: 0) == [1])
    }

    @Test func credentialsOfThePageAreNotWrittenToTheCache() throws {
        let credentials = ParsedURL.Credentials(user: "me", password: "hunter2secret")
        let file = IndexFile(
            filename: "six-1.0.tar.gz",
            url: ParsedURL(scheme: "https", credentials: credentials, host: "files.example", port: nil, path: "/six-1.0.tar.gz", query: nil, fragment: nil),
            hashes: FileHashes())
        let digest = [UInt8](repeating: 7, count: 32)
        let bytes = ParsedPageEncoder.encode([file], project: try PackageName("six"), pageCredentials: credentials, source: .init(length: 5, digest: digest))
        #expect(!String(decoding: bytes, as: UTF8.self).contains("hunter2secret"))
        let read = try #require(ParsedFiles(PageBytes.copying(bytes), sourceLength: 5, sourceDigest: digest, pageCredentials: credentials))
        #expect(Array(read) == [file])
        #expect(ParsedFiles(PageBytes.copying(bytes), sourceLength: 6, sourceDigest: digest, pageCredentials: credentials) == nil)
    }

    // MARK: the cache entry

    func pageKey(_ rig: IndexTestRig, _ project: String) throws -> SimplePageKey {
        SimplePageKey(url: try rig.indexURL.appendingDirectory(project).requestString, package: try packageName(project))
    }

    func parsedPath(_ rig: IndexTestRig, _ project: String) throws -> String {
        try SimplePageStore(root: rig.cache).parsedPath(for: try pageKey(rig, project))
    }

    func responsePath(_ rig: IndexTestRig, _ project: String) throws -> String {
        try SimplePageStore(root: rig.cache).path(for: try pageKey(rig, project))
    }

    /// A rig whose cache holds six's page (three files) and its parsed form, and the files read.
    func filledRig() async throws -> (IndexTestRig, [IndexFile]) {
        let rig = try await IndexTestRig()
        try rig.fixture.add(project: "six", filename: "six-1.0.tar.gz")
        try rig.fixture.add(project: "six", filename: "six-1.1-py3-none-any.whl", requiresPython: ">=3.8")
        try rig.fixture.add(project: "six", filename: "six-1.1.tar.gz")
        let files = Array(try await rig.index().project(packageName("six")).files)
        #expect(files.count == 3)
        #expect(FileSystem.exists(try parsedPath(rig, "six")))
        return (rig, files)
    }

    func offlineFiles(_ rig: IndexTestRig) async throws -> [IndexFile] {
        Array(try await rig.index(mode: .offline).project(packageName("six")).files)
    }

    @Test func aSoundParsedEntryAnswersWithoutReadingTheResponseBody() async throws {
        let (rig, files) = try await filledRig()
        // Same length, same head, garbage body: only the parsed form can still give the files.
        let path = try responsePath(rig, "six")
        var bytes = try FileSystem.readBytes(path)
        let bodyStart = try #require(bytes.indices.first { bytes[$0] == 10 && bytes[$0 + 1] == 10 }) + 2
        for index in bodyStart..<bytes.count { bytes[index] = UInt8(ascii: "x") }
        try FileSystem.writeAtomically(bytes, to: path)
        #expect(try await offlineFiles(rig) == files)
    }

    @Test func aTruncatedParsedEntryIsRebuiltFromTheResponse() async throws {
        let (rig, files) = try await filledRig()
        let path = try parsedPath(rig, "six")
        let original = try FileSystem.readBytes(path)
        for length in [0, 10, 63, 70, original.count / 2, original.count - 1] {
            try FileSystem.writeAtomically(Array(original.prefix(length)), to: path)
            #expect(try await offlineFiles(rig) == files, "cut to \(length) bytes")
            #expect(try FileSystem.readBytes(path) == original, "rewritten whole after a cut to \(length) bytes")
        }
    }

    @Test func aParsedEntryWithAnyByteChangedIsRebuilt() async throws {
        let (rig, files) = try await filledRig()
        let path = try parsedPath(rig, "six")
        let original = try FileSystem.readBytes(path)
        // Magic, format version, source length, source digest, checksum, counts, string table,
        // a record, the last string byte.
        for offset in [0, 8, 16, 30, 56, 64, 68, 84, original.count / 2, original.count - 1] {
            var flipped = original
            flipped[offset] ^= 0x20
            try FileSystem.writeAtomically(flipped, to: path)
            #expect(try await offlineFiles(rig) == files, "byte \(offset) flipped")
            #expect(try FileSystem.readBytes(path) == original, "rewritten after byte \(offset) was flipped")
        }
    }

    @Test func aParsedEntryOfAnotherResponseIsNotUsed() async throws {
        let (rig, _) = try await filledRig()
        let stale = try FileSystem.readBytes(try parsedPath(rig, "six"))
        // The page changes (a new release); revalidation stores the new response.
        try rig.fixture.add(project: "six", filename: "six-2.0.tar.gz")
        let fresh = Array(try await rig.index(ttl: .zero).project(packageName("six")).files)
        #expect(fresh.map(\.filename).contains("six-2.0.tar.gz"))
        // Put the old parsed entry back beside the new response: it must not be believed.
        try FileSystem.writeAtomically(stale, to: try parsedPath(rig, "six"))
        #expect(try await offlineFiles(rig) == fresh)
        #expect(try FileSystem.readBytes(try parsedPath(rig, "six")) != stale)
    }

    @Test func aResponseStoredWithoutItsDigestGetsOneAndAParsedEntry() async throws {
        let (rig, files) = try await filledRig()
        let path = try responsePath(rig, "six")
        // The layout before body-sha256: drop that header line, and the parsed entry with it.
        let text = String(decoding: try FileSystem.readBytes(path), as: UTF8.self)
        let older = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("body-sha256: ") }.joined(separator: "\n")
        try FileSystem.writeAtomically(Array(older.utf8), to: path)
        try FileSystem.removeTree(try parsedPath(rig, "six"))

        #expect(try await offlineFiles(rig) == files)
        #expect(String(decoding: try FileSystem.readBytes(path), as: UTF8.self).contains("body-sha256: "))
        #expect(FileSystem.exists(try parsedPath(rig, "six")))
    }
}
