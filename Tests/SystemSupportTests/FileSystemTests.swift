import Testing
import Glibc
import TestSupport
@testable import SystemSupport

@Suite struct FileSystemTests {
    @Test func writesAtomicallyAndLeavesNoTemporaryBehind() throws {
        let dir = try TemporaryDirectory()
        let target = dir.file("entry")
        try FileSystem.writeAtomically("first", to: target)
        try FileSystem.writeAtomically("second", to: target)
        #expect(try FileSystem.readText(target) == "second")
        #expect(try FileSystem.listDirectory(dir.path) == ["entry"])
    }

    @Test func removesReadOnlyTrees() throws {
        let dir = try TemporaryDirectory()
        let tree = dir.file("tree")
        try FileSystem.createDirectories(tree + "/a/b")
        try FileSystem.writeAtomically("x", to: tree + "/a/b/file", permissions: 0o444)
        chmod(tree + "/a/b", 0o555)
        chmod(tree + "/a", 0o555)
        try FileSystem.removeTree(tree)
        #expect(!FileSystem.exists(tree))
    }

    @Test func pathHelpers() {
        #expect(FileSystem.parent(of: "/a/b/c") == "/a/b")
        #expect(FileSystem.parent(of: "/a") == "/")
        #expect(FileSystem.parent(of: "a") == ".")
        #expect(FileSystem.basename(of: "/a/b/c/") == "c")
        #expect(FileSystem.join("/a/", "b") == "/a/b")
        #expect(FileSystem.parent(of: "/a/b//") == "/a")
        #expect(FileSystem.parent(of: "/") == "/")
        #expect(FileSystem.parent(of: "/é/ü.py") == "/é")
        #expect(FileSystem.basename(of: "/é/ü.py") == "ü.py")
        #expect(FileSystem.basename(of: "/") == "")
        #expect(FileSystem.basename(of: "name") == "name")
        #expect(FileSystem.basename(of: "a/") == "a")
    }

    @Test func hashesWithSHA256() {
        #expect(SHA256Hasher.hexDigest(of: Array("abc".utf8))
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}

@Suite struct FileHashingTests {
    @Test func hashesAFileLargerThanOneReadBlock() throws {
        let dir = try TemporaryDirectory()
        let bytes = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try FileSystem.writeAtomically(bytes, to: dir.file("big"))
        #expect(try SHA256Hasher.hexDigest(ofFile: dir.file("big")) == SHA256Hasher.hexDigest(of: bytes))
    }

    @Test func aMissingFileIsATypedError() {
        #expect(throws: SystemCallError.self) { try SHA256Hasher.hexDigest(ofFile: "/nonexistent/wheel.whl") }
    }
}
