import Foundation
@testable import BuildFrontend
import Testing
import TestSupport

@Suite struct SdistUnpackerTests {
    typealias Member = SdistArchiveBuilder.Member

    /// A test's private corner of /tmp: the archive beside `dest`, so anything written outside
    /// `dest` shows up in the listing of `base`.
    struct Workspace {
        let directory: TemporaryDirectory
        var base: String { directory.path }
        var destination: String { base + "/dest" }

        init() throws {
            directory = try TemporaryDirectory("kiln-sdist")
            try FileManager.default.createDirectory(atPath: base + "/dest", withIntermediateDirectories: false)
        }

        func archive(_ members: [Member], format: SdistArchiveBuilder.Format = .tarGz) throws -> String {
            let path = base + "/pkg-1.0." + format.rawValue
            try SdistArchiveBuilder.write(members, format: format, to: path)
            return path
        }

        /// Every path under `base` except `dest` and what is inside it.
        func outsideListing() throws -> Set<String> {
            let all = try FileManager.default.subpathsOfDirectory(atPath: base)
            return Set(all.filter { $0 != "dest" && !$0.hasPrefix("dest/") })
        }
    }

    static var canBuild: Bool { SdistArchiveBuilder.python != nil }

    private static func mode(_ path: String) -> Int {
        var info = stat()
        guard lstat(path, &info) == 0 else { return -1 }
        return Int(info.st_mode & 0o7777)
    }

    private static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Unpacks, expects exactly `expected`, and checks that the archive wrote nothing beside `dest`.
    private func expectRefusal(
        _ members: [Member], format: SdistArchiveBuilder.Format = .tarGz,
        alsoAbsent: [String] = [], _ expected: (String) -> SdistUnpackError
    ) throws {
        let workspace = try Workspace()
        let archive = try workspace.archive(members, format: format)
        let before = try workspace.outsideListing()
        #expect(throws: expected(archive)) {
            try SdistUnpacker().unpack(archive, into: workspace.destination)
        }
        #expect(try workspace.outsideListing() == before)
        for path in alsoAbsent { #expect(!FileManager.default.fileExists(atPath: path), "\(path) was created") }
    }

    // MARK: Well-formed sdists

    private static let wellFormed: [Member] = [
        .directory("pkg-1.0"),
        .file("pkg-1.0/PKG-INFO", "Metadata-Version: 2.1\nName: pkg\nVersion: 1.0\n", mtime: 1_650_000_000),
        .file("pkg-1.0/setup.py", "from setuptools import setup\nsetup()\n"),
        .file("pkg-1.0/bin/run", "#!/bin/sh\n", mode: 0o775),
        .file("pkg-1.0/bin/setuid", "#!/bin/sh\n", mode: 0o4755),
        .file("pkg-1.0/src/pkg/deep/er/mod.py", "x = 1\n", mode: 0o600),
        .symlink("pkg-1.0/src/pkg/README", to: "../../README"),
        .symlink("pkg-1.0/docs", to: "src/pkg/deep"),
        .symlink("pkg-1.0/self", to: "."),
        .file("pkg-1.0/README", "hello\n"),
    ]

    private func expectWellFormed(_ format: SdistArchiveBuilder.Format, extra: [Member] = []) throws {
        let workspace = try Workspace()
        let archive = try workspace.archive(Self.wellFormed + extra, format: format)
        let unpacked = try SdistUnpacker().unpack(archive, into: workspace.destination)
        let root = try #require(realpath(workspace.destination, nil).map { pointer in
            defer { free(pointer) }
            return String(cString: pointer)
        }) + "/pkg-1.0"
        #expect(unpacked == UnpackedSdist(root: root, pkgInfoModificationTime: 1_650_000_000))
        #expect(Self.read(root + "/setup.py") == "from setuptools import setup\nsetup()\n")
        #expect(Self.read(root + "/src/pkg/deep/er/mod.py") == "x = 1\n")
        #expect(Self.mode(root + "/setup.py") == 0o644)
        #expect(Self.mode(root + "/bin/run") == 0o755)
        #expect(Self.mode(root + "/bin/setuid") == 0o755)
        #expect(Self.mode(root + "/src/pkg/deep/er/mod.py") == 0o644)
        for directory in ["", "/bin", "/src", "/src/pkg", "/src/pkg/deep", "/src/pkg/deep/er"] {
            #expect(Self.mode(root + directory) == 0o755, "\(directory)")
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: root + "/src/pkg/README") == "../../README")
        #expect(Self.read(root + "/src/pkg/README") == "hello\n")
        #expect(Self.read(root + "/docs/er/mod.py") == "x = 1\n")
        var info = stat()
        #expect(stat(root + "/PKG-INFO", &info) == 0 && info.st_mtim.tv_sec == 1_650_000_000)
        #expect(try workspace.outsideListing() == [FileManager.default.displayName(atPath: archive)])
    }

    @Test(.enabled(if: canBuild)) func unpacksATarGzSdist() throws {
        try expectWellFormed(.tarGz, extra: [.hardlink("pkg-1.0/README.copy", to: "pkg-1.0/README")])
    }

    @Test(.enabled(if: canBuild)) func unpacksAZipSdist() throws { try expectWellFormed(.zip) }
    @Test(.enabled(if: canBuild)) func unpacksATarBz2Sdist() throws { try expectWellFormed(.tarBz2) }
    @Test(.enabled(if: canBuild)) func unpacksAPlainTar() throws { try expectWellFormed(.tar) }

    @Test(.enabled(if: canBuild)) func anInTreeHardLinkSharesItsTarget() throws {
        let workspace = try Workspace()
        let archive = try workspace.archive([
            .file("pkg-1.0/a.txt", "shared\n"), .hardlink("pkg-1.0/sub/b.txt", to: "pkg-1.0/a.txt"),
        ])
        let unpacked = try SdistUnpacker().unpack(archive, into: workspace.destination)
        #expect(unpacked.pkgInfoModificationTime == nil)
        #expect(Self.read(unpacked.root + "/sub/b.txt") == "shared\n")
        var first = stat(), second = stat()
        #expect(stat(unpacked.root + "/a.txt", &first) == 0 && stat(unpacked.root + "/sub/b.txt", &second) == 0)
        #expect(first.st_ino == second.st_ino)
    }

    // MARK: Hostile sdists

    @Test(.enabled(if: canBuild)) func refusesParentDirectoryComponents() throws {
        try expectRefusal([.file("pkg-1.0/setup.py"), .file("pkg-1.0/../../outside", "x")]) {
            .parentDirectoryComponent(archive: $0, member: "pkg-1.0/../../outside")
        }
    }

    @Test(.enabled(if: canBuild)) func refusesParentDirectoryComponentsInAZip() throws {
        try expectRefusal([.file("pkg-1.0/setup.py"), .file("../outside", "x")], format: .zip) {
            .parentDirectoryComponent(archive: $0, member: "../outside")
        }
    }

    @Test(.enabled(if: canBuild)) func refusesAbsolutePaths() throws {
        let workspace = try Workspace()
        let target = workspace.base + "/absolute-evil"
        let archive = try workspace.archive([.file("pkg-1.0/setup.py"), .file(target, "x")])
        #expect(throws: SdistUnpackError.absolutePath(archive: archive, member: target)) {
            try SdistUnpacker().unpack(archive, into: workspace.destination)
        }
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test(.enabled(if: canBuild)) func refusesAMemberBesideTheTopLevelDirectory() throws {
        try expectRefusal([.file("pkg-1.0/setup.py"), .file("setup.py", "x")]) {
            .outsideTopLevelDirectory(archive: $0, member: "setup.py", topLevel: "pkg-1.0")
        }
    }

    @Test(.enabled(if: canBuild)) func refusesTwoTopLevelDirectories() throws {
        try expectRefusal([.file("pkg-1.0/setup.py"), .file("other-2.0/setup.py")]) {
            .multipleTopLevelDirectories(archive: $0, first: "pkg-1.0", second: "other-2.0", member: "other-2.0/setup.py")
        }
    }

    @Test(.enabled(if: canBuild)) func refusesASymlinkToASystemDirectoryAndAFileWrittenThroughIt() throws {
        let evil = "/etc/kiln-sdist-test-\(UUID().uuidString)"
        let name = FileManager.default.displayName(atPath: evil)
        try expectRefusal([.file("pkg-1.0/setup.py"), .symlink("pkg-1.0/etc", to: "/etc"), .file("pkg-1.0/etc/" + name, "x")], alsoAbsent: [evil]) {
            .symlinkOutsideTree(archive: $0, member: "pkg-1.0/etc", target: "/etc")
        }
    }

    @Test(.enabled(if: canBuild)) func refusesAFileWrittenThroughAnInTreeSymlink() throws {
        try expectRefusal([
            .directory("pkg-1.0/sub"), .symlink("pkg-1.0/link", to: "sub"), .file("pkg-1.0/link/evil", "x"),
        ]) { .writesThroughSymlink(archive: $0, member: "pkg-1.0/link/evil", symlink: "pkg-1.0/link") }
    }

    @Test(.enabled(if: canBuild)) func refusesASymlinkClimbingOut() throws {
        try expectRefusal([.file("pkg-1.0/setup.py"), .symlink("pkg-1.0/sub/link", to: "../../outside")]) {
            .symlinkOutsideTree(archive: $0, member: "pkg-1.0/sub/link", target: "../../outside")
        }
    }

    @Test(.enabled(if: canBuild)) func refusesASymlinkClimbingOutOfAZip() throws {
        try expectRefusal([.file("pkg-1.0/setup.py"), .symlink("pkg-1.0/link", to: "../../outside")], format: .zip) {
            .symlinkOutsideTree(archive: $0, member: "pkg-1.0/link", target: "../../outside")
        }
    }

    /// Lexically `pkg-1.0/x`; through `s -> .` it is two levels above the destination.
    @Test(.enabled(if: canBuild)) func refusesASymlinkWhoseClimbDependsOnAnotherLink() throws {
        try expectRefusal([.symlink("pkg-1.0/s", to: "."), .symlink("pkg-1.0/t", to: "s/s/../../x")]) {
            .symlinkTargetNotNormalized(archive: $0, member: "pkg-1.0/t", target: "s/s/../../x")
        }
    }

    @Test(.enabled(if: canBuild)) func refusesAHardLinkToASystemFile() throws {
        try expectRefusal([.file("pkg-1.0/setup.py"), .hardlink("pkg-1.0/passwd", to: "/etc/passwd")]) {
            .hardLinkOutsideTree(archive: $0, member: "pkg-1.0/passwd", target: "/etc/passwd")
        }
    }

    @Test(.enabled(if: canBuild)) func refusesAHardLinkClimbingOut() throws {
        try expectRefusal([.file("pkg-1.0/setup.py"), .hardlink("pkg-1.0/link", to: "../outside")]) {
            .hardLinkOutsideTree(archive: $0, member: "pkg-1.0/link", target: "../outside")
        }
    }

    @Test(.enabled(if: canBuild)) func refusesAHardLinkToAFileNotYetUnpacked() throws {
        try expectRefusal([.hardlink("pkg-1.0/link", to: "pkg-1.0/later"), .file("pkg-1.0/later", "x")]) {
            .hardLinkToMissingFile(archive: $0, member: "pkg-1.0/link", target: "pkg-1.0/later")
        }
    }

    @Test(.enabled(if: canBuild)) func refusesACharacterDevice() throws {
        try expectRefusal([.file("pkg-1.0/setup.py"), .characterDevice("pkg-1.0/null")]) {
            .unsupportedMemberType(archive: $0, member: "pkg-1.0/null", kind: "character device")
        }
    }

    @Test(.enabled(if: canBuild)) func refusesAFIFO() throws {
        try expectRefusal([.file("pkg-1.0/setup.py"), .fifo("pkg-1.0/pipe")]) {
            .unsupportedMemberType(archive: $0, member: "pkg-1.0/pipe", kind: "FIFO")
        }
    }

    @Test(.enabled(if: canBuild)) func refusesAMemberThatReplacesAnEarlierOne() throws {
        try expectRefusal([.file("pkg-1.0/setup.py", "x"), .symlink("pkg-1.0/setup.py", to: "other")]) {
            .duplicateMember(archive: $0, member: "pkg-1.0/setup.py")
        }
    }

    @Test func refusalsNameTheArchiveAndTheMember() {
        #expect(SdistUnpackError.symlinkOutsideTree(archive: "dist/pkg-1.0.tar.gz", member: "pkg-1.0/etc", target: "/etc").description
            == "refusing to unpack dist/pkg-1.0.tar.gz: member 'pkg-1.0/etc' is a symbolic link to '/etc', which points out of the unpacked tree")
        #expect(SdistUnpackError.writesThroughSymlink(archive: "p.zip", member: "p/link/evil", symlink: "p/link").description
            == "refusing to unpack p.zip: member 'p/link/evil' would be written through the symbolic link 'p/link'")
        #expect(SdistUnpackError.tooLarge(archive: "b.tar.gz", member: "b/zeros", limit: 1024).description
            == "cannot unpack b.tar.gz: it unpacks to more than 1024 bytes (stopped in 'b/zeros'); "
            + "raise KILN_MAX_UNPACKED_SIZE (bytes, default 2147483648) if the sdist is genuine")
    }

    // MARK: Size, damage and the disk

    @Test(.enabled(if: canBuild)) func aGzipBombStopsOnePastTheBound() throws {
        let workspace = try Workspace()
        let archive = workspace.base + "/bomb-1.0.tar.gz"
        let threeGiB = 3 << 30
        try SdistArchiveBuilder.writeGzipBomb(member: "bomb-1.0/zeros", size: threeGiB, to: archive)
        let compressed = try #require(try FileManager.default.attributesOfItem(atPath: archive)[.size] as? Int)
        #expect(compressed < 8 << 20)
        let limit: UInt64 = 4 << 20
        let started = Date()
        #expect(throws: SdistUnpackError.tooLarge(archive: archive, member: "bomb-1.0/zeros", limit: limit)) {
            try SdistUnpacker(maxUnpackedSize: limit).unpack(archive, into: workspace.destination)
        }
        #expect(Date().timeIntervalSince(started) < 5)
        var info = stat()
        #expect(stat(workspace.destination + "/bomb-1.0/zeros", &info) == 0)
        #expect(info.st_size <= Int(limit) && Int(info.st_blocks) * 512 <= Int(limit) + (1 << 16))
    }

    @Test func theBoundComesFromTheEnvironment() throws {
        #expect(try SdistUnpacker.maxUnpackedSize(from: [:]) == 2_147_483_648)
        #expect(SdistUnpacker.defaultMaxUnpackedSize == 2_147_483_648)
        #expect(SdistUnpacker().maxUnpackedSize == 2_147_483_648)
        #expect(try SdistUnpacker.maxUnpackedSize(from: ["KILN_MAX_UNPACKED_SIZE": ""]) == 2_147_483_648)
        #expect(try SdistUnpacker.maxUnpackedSize(from: ["KILN_MAX_UNPACKED_SIZE": "1048576"]) == 1_048_576)
        for bad in ["abc", "-1", "0", "1.5", "10GB", " 12", "+5", "99999999999999999999999"] {
            #expect(throws: SdistUnpackError.invalidSizeLimit(value: bad)) {
                try SdistUnpacker.maxUnpackedSize(from: ["KILN_MAX_UNPACKED_SIZE": bad])
            }
        }
        let message = SdistUnpackError.tooLarge(archive: "a.tar.gz", member: "a/b", limit: 5).description
        #expect(message.contains("KILN_MAX_UNPACKED_SIZE"))
    }

    @Test(.enabled(if: canBuild)) func aTruncatedArchiveIsAnError() throws {
        let workspace = try Workspace()
        var big = Member.file("pkg-1.0/data.bin")
        var generator = SystemRandomNumberGenerator()
        big.text = Data((0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64EncodedString()
        let archive = try workspace.archive([.file("pkg-1.0/setup.py"), big])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: archive))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: archive))
        #expect {
            try SdistUnpacker().unpack(archive, into: workspace.destination)
        } throws: { error in
            guard case .corruptMember(archive, "pkg-1.0/data.bin", _)? = error as? SdistUnpackError else { return false }
            return true
        }
    }

    @Test func aFileThatIsNoArchiveIsAnError() throws {
        let workspace = try Workspace()
        let archive = workspace.base + "/junk-1.0.tar.gz"
        try Data("this is not an archive at all, just some text\n".utf8).write(to: URL(fileURLWithPath: archive))
        #expect {
            try SdistUnpacker().unpack(archive, into: workspace.destination)
        } throws: { error in
            guard case .unreadable(archive, _)? = error as? SdistUnpackError else { return false }
            return true
        }
        #expect(try workspace.outsideListing() == ["junk-1.0.tar.gz"])
    }

    @Test(.enabled(if: canBuild)) func anEmptyArchiveIsAnError() throws {
        let workspace = try Workspace()
        let archive = try workspace.archive([])
        #expect(throws: SdistUnpackError.empty(archive: archive)) {
            try SdistUnpacker().unpack(archive, into: workspace.destination)
        }
    }

    @Test(.enabled(if: canBuild)) func theDestinationMustBeEmpty() throws {
        let workspace = try Workspace()
        let archive = try workspace.archive([.file("pkg-1.0/setup.py")])
        try Data().write(to: URL(fileURLWithPath: workspace.destination + "/already"))
        #expect(throws: SdistUnpackError.destinationUnusable(destination: workspace.destination, reason: "not empty")) {
            try SdistUnpacker().unpack(archive, into: workspace.destination)
        }
    }

    @Test(.enabled(if: canBuild)) func theDestinationMustBeADirectory() throws {
        let workspace = try Workspace()
        let archive = try workspace.archive([.file("pkg-1.0/setup.py")])
        #expect(throws: SdistUnpackError.destinationUnusable(destination: archive, reason: "cannot list \(archive): Not a directory")) {
            try SdistUnpacker().unpack(archive, into: archive)
        }
    }

    /// A 1 MiB tmpfs fills up under a 4 MiB member: the write fails loudly, naming the member.
    @Test(.enabled(if: canBuild)) func aFullDiskIsAnError() throws {
        let workspace = try Workspace()
        let mountPoint = workspace.base + "/small"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: false)
        let mounted = try ProcessHelper.run("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint])
        guard mounted.status == 0 else {
            print("skipping the full-disk test: cannot mount a tmpfs (\(mounted.stderr.trimmingCharacters(in: .whitespacesAndNewlines)))")
            return
        }
        defer { _ = try? ProcessHelper.run("/bin/umount", [mountPoint]) }
        let destination = mountPoint + "/dest"
        try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: false)
        var big = Member.file("pkg-1.0/big.bin")
        big.zeros = 4 << 20
        let archive = try workspace.archive([.file("pkg-1.0/setup.py"), big])
        #expect {
            try SdistUnpacker().unpack(archive, into: destination)
        } throws: { error in
            guard case .writeFailed(archive, "pkg-1.0/big.bin", let reason)? = error as? SdistUnpackError else { return false }
            return reason.contains("No space left on device")
        }
    }
}
