import Foundation
import SystemSupport
import Testing
import TestSupport
@testable import Cache

@Suite struct ArchiveStoreTests {
    let wheel = "six-1.16.0-py2.py3-none-any.whl"
    let content = Array("wheel bytes".utf8)

    @Test func storesUnderTheDigestAndKeepsTheFilename() async throws {
        let cache = try await TestCache.make()
        let store = ArchiveStore(root: cache.root)
        let digest = ArchiveDigest.of(bytes: content)
        #expect(try store.lookup(digest, filename: wheel) == nil)

        let obtained = try await store.obtain(digest, filename: wheel, timeout: .seconds(5)) { path in
            try FileSystem.writeAtomically(content, to: path)
            return try ArchiveDigest.of(file: path)
        }
        let hex = digest.hex
        #expect(obtained.path == cache.path + "/archives-v1/sha256/\(hex.prefix(2))/\(hex)/\(wheel)")
        #expect(obtained.wasProduced)
        #expect(try store.lookup(digest, filename: wheel) == obtained.path)
        #expect(try FileSystem.readBytes(obtained.path) == content)
        #expect(try FileStatus.of(obtained.path)?.mode == 0o444)
    }

    @Test func aFileWithTheWrongDigestIsNeverStored() async throws {
        let cache = try await TestCache.make()
        let store = ArchiveStore(root: cache.root)
        let expected = ArchiveDigest.of(bytes: content)
        let tampered = Array("tampered".utf8)
        await #expect(throws: CacheError.digestMismatch(filename: wheel, expected: expected.hex, actual: ArchiveDigest.of(bytes: tampered).hex)) {
            try await store.obtain(expected, filename: wheel, timeout: .seconds(5)) { path in
                try FileSystem.writeAtomically(tampered, to: path)
                return ArchiveDigest.of(bytes: tampered)
            }
        }
        #expect(try store.lookup(expected, filename: wheel) == nil)
        let directory = FileSystem.parent(of: try store.path(of: expected, filename: wheel))
        #expect(Files.temporaries(in: directory).isEmpty)
    }

    @Test func storesAFileWhoseDigestIsLearnedWhileCopying() async throws {
        let cache = try await TestCache.make()
        let source = cache.directory.file("six-1.16.0.tar.gz")
        try FileSystem.writeAtomically(content, to: source)
        let store = ArchiveStore(root: cache.root)

        let first = try await store.store(copyOf: source)
        #expect(first.digest == ArchiveDigest.of(bytes: content))
        #expect(first.filename == "six-1.16.0.tar.gz")
        #expect(first.wasProduced)
        #expect(try store.lookup(first.digest, filename: first.filename) == first.path)

        let again = try await store.store(copyOf: source)
        #expect(again.path == first.path)
        #expect(!again.wasProduced)
        #expect(Files.temporaries(in: cache.path + "/archives-v1/sha256").isEmpty)
    }

    @Test func digestsParseInAnyCaseAndRejectOtherText() throws {
        let hex = String(repeating: "aB", count: 32)
        #expect(try ArchiveDigest(hex: hex).hex == hex.lowercased())
        #expect(throws: CacheError.invalidDigest("abc")) { try ArchiveDigest(hex: "abc") }
        #expect(throws: CacheError.invalidDigest(String(repeating: "g", count: 64))) {
            try ArchiveDigest(hex: String(repeating: "g", count: 64))
        }
    }

    @Test func fileDigestMatchesTheKnownSHA256() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/abc"
        try FileSystem.writeAtomically(Array("abc".utf8), to: path)
        #expect(try ArchiveDigest.of(file: path).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func unsafeFilenamesAreRefused() async throws {
        let cache = try await TestCache.make()
        let digest = ArchiveDigest.of(bytes: content)
        #expect(throws: CacheError.invalidKey("../escape.whl")) {
            try ArchiveStore(root: cache.root).path(of: digest, filename: "../escape.whl")
        }
    }
}
