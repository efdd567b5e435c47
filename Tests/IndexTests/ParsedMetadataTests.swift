import Cache
import Foundation
import PackagingModel
import SystemSupport
import Testing
import TestSupport
@testable import Index

/// The parsed form of wheel metadata: read back exactly, believed only while it is sound and was
/// derived from the METADATA file beside it, and otherwise rebuilt from that file and rewritten.
@Suite struct ParsedMetadataTests {
    static let metadataText = """
        Metadata-Version: 2.1
        Name: Six
        Version: 1.0
        Summary: a summary the resolver never reads
        Classifier: Programming Language :: Python :: 3
        Requires-Python: >=3.8, !=3.9.*
        Requires-Dist: certifi>=2017.4.17
        Requires-Dist: idna<4,>=2.5; python_version >= "3"
        Requires-Dist: PySocks!=1.5.7,>=1.5.6; extra == "socks"
        Requires-Dist: Cafe_Au-Lait[Fast,extra]==1.*
        Provides-Extra: socks

        A long description, which no resolution reads.
        Requires-Dist: not-a-header

        """

    static var expected: DependencyMetadata {
        get throws { DependencyMetadata(try CoreMetadata(parsing: Array(metadataText.utf8), source: "test")) }
    }

    /// A rig serving six 1.0 (a wheel with a PEP 658 file), with its metadata fetched once: the
    /// METADATA file and the parsed entry beside it are in the cache.
    func filledRig(metadata: String = metadataText) async throws -> (rig: IndexTestRig, file: IndexFile) {
        let rig = try await IndexTestRig()
        try rig.fixture.add(project: "six", filename: "six-1.0-py3-none-any.whl")
        try rig.fixture.addMetadata(project: "six", filename: "six-1.0-py3-none-any.whl", metadata: metadata)
        let index = try rig.index()
        let file = try #require(try await index.project(packageName("six")).files.first)
        _ = try? await WheelMetadataFetcher(index: index).dependencies(of: file, project: packageName("six"))
        return (rig, file)
    }

    func metadataPath(_ rig: IndexTestRig, _ file: IndexFile) throws -> String {
        try rig.cache.entryPath(.metadata, [packageName("six").normalized, try #require(file.hashes.sha256), file.filename + ".metadata"])
    }

    func entryPath(_ rig: IndexTestRig, _ file: IndexFile) throws -> String {
        StoredDependencyMetadata.entryPath(besideMetadataAt: try metadataPath(rig, file))
    }

    func offline(_ rig: IndexTestRig, _ file: IndexFile) async throws -> DependencyMetadata {
        try await WheelMetadataFetcher(index: try rig.index(mode: .offline)).dependencies(of: file, project: packageName("six"))
    }

    // MARK: the layout

    @Test(arguments: [
        ParsedMetadataFields(name: "six", version: "1.0", requiresPython: nil, requiresDist: []),
        ParsedMetadataFields(name: "Café", version: "1.0rc1", requiresPython: ">=3.8", requiresDist: ["a", "", "b[x]; extra == \"é\""]),
    ])
    func fieldsReadBackExactly(fields: ParsedMetadataFields) throws {
        let source = MetadataFileIdentity(length: 123, inode: 77, modified: 1_700_000_000_123_456_789, changed: -5)
        let bytes = ParsedMetadataEncoder.encode(fields, source: source)
        #expect(ParsedMetadataEntry.fields(in: bytes, source: source) == fields)
        for other in [
            MetadataFileIdentity(length: 124, inode: 77, modified: 1_700_000_000_123_456_789, changed: -5),
            MetadataFileIdentity(length: 123, inode: 78, modified: 1_700_000_000_123_456_789, changed: -5),
            MetadataFileIdentity(length: 123, inode: 77, modified: 1_700_000_000_123_456_788, changed: -5),
            MetadataFileIdentity(length: 123, inode: 77, modified: 1_700_000_000_123_456_789, changed: -4),
        ] {
            #expect(ParsedMetadataEntry.fields(in: bytes, source: other) == nil, "\(other)")
        }
    }

    @Test func theEntryHoldsWhatTheMetadataParserGives() async throws {
        let (rig, file) = try await filledRig()
        #expect(FileSystem.exists(try entryPath(rig, file)))
        #expect(try await offline(rig, file) == (try Self.expected))
        let fields = try #require(ParsedMetadataFields(acceptedHeaders: MetadataHeaders(headerBlockOf: Array(Self.metadataText.utf8))))
        #expect(fields.requiresDist.count == 4 && fields.requiresPython == ">=3.8, !=3.9.*" && fields.name == "Six")
        #expect(fields.parsed() == (try Self.expected))
    }

    // MARK: the cache entry

    /// Changing only the entry (its METADATA file untouched) changes the answer: the warm path
    /// reads the entry and does not parse METADATA.
    @Test func aSoundEntryIsReadInsteadOfTheMetadataFile() async throws {
        let (rig, file) = try await filledRig()
        let identity = try #require(MetadataFileIdentity.of(try metadataPath(rig, file)))
        let planted = ParsedMetadataFields(name: "six", version: "1.0", requiresPython: nil, requiresDist: ["planted"])
        try FileSystem.writeAtomically(ParsedMetadataEncoder.encode(planted, source: identity), to: try entryPath(rig, file))
        #expect(try await offline(rig, file).requiresDist == [try Requirement("planted")])
    }

    @Test func aTruncatedEntryIsRebuiltFromTheMetadataFile() async throws {
        let (rig, file) = try await filledRig()
        let path = try entryPath(rig, file)
        let original = try FileSystem.readBytes(path)
        for length in [0, 7, 63, 64, 71, 72, original.count / 2, original.count - 1] {
            try FileSystem.writeAtomically(Array(original.prefix(length)), to: path)
            #expect(try await offline(rig, file) == (try Self.expected), "cut to \(length) bytes")
            #expect(try FileSystem.readBytes(path) == original, "rewritten whole after a cut to \(length) bytes")
        }
    }

    @Test func anEntryWithAnyByteChangedIsRebuilt() async throws {
        let (rig, file) = try await filledRig()
        let path = try entryPath(rig, file)
        let original = try FileSystem.readBytes(path)
        // Magic, format version, reserved, source length, inode, times, reserved, checksum, counts, flags, string
        // table, the string bytes.
        for offset in [0, 8, 12, 16, 24, 32, 40, 48, 56, 64, 68, 72, 76, 84, original.count / 2, original.count - 1] {
            for bit in [0x01, 0x20, 0x80] as [UInt8] {
                var flipped = original
                flipped[offset] ^= bit
                try FileSystem.writeAtomically(flipped, to: path)
                #expect(try await offline(rig, file) == (try Self.expected), "byte \(offset) bit \(bit) flipped")
                #expect(try FileSystem.readBytes(path) == original, "rewritten after byte \(offset) bit \(bit) was flipped")
            }
        }
    }

    /// Entries a writer could have made with a sound checksum, which only the reader's own
    /// checks catch: another format version, counts and offsets out of bounds, a flag it does
    /// not know, text that is not UTF-8, a requirement that does not parse.
    @Test func aWellChecksummedEntryThatMakesNoSenseIsRebuilt() async throws {
        let (rig, file) = try await filledRig()
        let path = try entryPath(rig, file)
        let original = try FileSystem.readBytes(path)
        typealias Layout = ParsedMetadataLayout
        let stringBytes = Layout.Offset.stringTable + 7 * Layout.stringEntrySize
        let damages: [(String, (inout [UInt8]) -> Void)] = [
            ("another format version", { $0.store(Layout.formatVersion + 1, at: Layout.Offset.formatVersion) }),
            ("a huge string count", { $0.store(UInt32.max, at: Layout.Offset.stringCount) }),
            ("a string count past the table", { $0.store(UInt32(original.count), at: Layout.Offset.stringCount) }),
            ("one string only", { $0.store(UInt32(1), at: Layout.Offset.stringCount) }),
            ("an unknown flag", { $0.store(UInt32(6), at: Layout.Offset.flags) }),
            ("an offset past the end", { $0.store(UInt32(original.count), at: Layout.Offset.stringTable) }),
            ("an offset near UInt32.max", { $0.store(UInt32.max - 2, at: Layout.Offset.stringTable + 8) }),
            ("a length past the end", { $0.store(UInt32(original.count), at: Layout.Offset.stringTable + 4) }),
            ("not UTF-8", { $0[stringBytes] = 0xFF }),
            ("a requirement that does not parse", { $0[$0.count - 3] = UInt8(ascii: "(") }),
        ]
        for (label, damage) in damages {
            var bytes = original
            damage(&bytes)
            if label != "another format version" {
                let checksum = bytes.withUnsafeBytes { PageChecksum.of(UnsafeRawBufferPointer(rebasing: $0[Layout.headerSize...])) }
                bytes.store(checksum, at: Layout.Offset.checksum)
            }
            try FileSystem.writeAtomically(bytes, to: path)
            #expect(try await offline(rig, file) == (try Self.expected), "\(label)")
            #expect(try FileSystem.readBytes(path) == original, "rewritten after \(label)")
        }
    }

    /// The METADATA file replaced (by rename, as every cache write is): the entry of the old one
    /// is not believed, even put back beside the new one.
    @Test func anEntryOfAnotherMetadataFileIsNotUsed() async throws {
        let (rig, file) = try await filledRig()
        let stale = try FileSystem.readBytes(try entryPath(rig, file))
        let changed = Self.metadataText.replacingOccurrences(of: "Requires-Dist: certifi>=2017.4.17\n", with: "")
        try FileSystem.writeAtomically(Array(changed.utf8), to: try metadataPath(rig, file))
        let fresh = DependencyMetadata(try CoreMetadata(parsing: Array(changed.utf8), source: "test"))
        #expect(try await offline(rig, file) == fresh)
        #expect(try FileSystem.readBytes(try entryPath(rig, file)) != stale)
        try FileSystem.writeAtomically(stale, to: try entryPath(rig, file))
        #expect(try await offline(rig, file) == fresh)
    }

    /// The METADATA file rewritten in place, same length and inode (never done by kiln, which
    /// renames): its change time moves, so the entry is not believed.
    @Test func aMetadataFileRewrittenInPlaceIsParsedAgain() async throws {
        let (rig, file) = try await filledRig()
        let path = try metadataPath(rig, file)
        let before = try #require(MetadataFileIdentity.of(path))
        let changed = Self.metadataText.replacingOccurrences(of: "certifi>=2017.4.17", with: "certifi>=2018.4.17")
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data(changed.utf8))
        try handle.close()
        let after = try #require(MetadataFileIdentity.of(path))
        #expect(after.inode == before.inode && after.length == before.length)
        #expect(try await offline(rig, file) == DependencyMetadata(try CoreMetadata(parsing: Array(changed.utf8), source: "test")))
    }

    /// An entry left without its METADATA file answers nothing: offline, the metadata is missing.
    @Test func anEntryNeverOutlivesItsMetadataFile() async throws {
        let (rig, file) = try await filledRig()
        #expect(FileSystem.exists(try entryPath(rig, file)))
        try FileSystem.removeTree(try metadataPath(rig, file))
        await #expect {
            _ = try await offline(rig, file)
        } throws: { error in
            guard case WheelMetadataError.index(.notCachedOffline) = error else { return false }
            return true
        }
        // Online it is fetched again, and the entry rebuilt for the new file.
        let again = try await WheelMetadataFetcher(index: try rig.index()).dependencies(of: file, project: packageName("six"))
        #expect(again == (try Self.expected))
        let identity = try #require(MetadataFileIdentity.of(try metadataPath(rig, file)))
        #expect(ParsedMetadataEntry.fields(in: try #require(ParsedMetadataFile.bytes(at: try entryPath(rig, file))), source: identity) != nil)
    }

    @Test func metadataThatDoesNotParseGetsNoEntryAndIsAnError() async throws {
        let broken = "Metadata-Version: 2.1\nName: six\nVersion: 1.0\nRequires-Dist: six (((\n"
        let (rig, file) = try await filledRig(metadata: broken)
        #expect(FileSystem.exists(try metadataPath(rig, file)))
        #expect(!FileSystem.exists(try entryPath(rig, file)))
        await #expect {
            _ = try await offline(rig, file)
        } throws: { error in
            guard case WheelMetadataError.invalidMetadata(let filename, .invalidRequiresDist) = error else { return false }
            return filename == file.filename
        }
    }

    /// Many readers rebuilding a missing entry at once, each renaming its own over the others':
    /// every one gets the right answer, and what stays is one sound entry and no temporary files.
    @Test func concurrentRebuildsLeaveOneSoundEntry() async throws {
        let (rig, file) = try await filledRig()
        let metadata = try metadataPath(rig, file)
        let entry = try entryPath(rig, file)
        let original = try FileSystem.readBytes(entry)
        let expected = try Self.expected
        for _ in 0..<5 {
            try FileSystem.removeTree(entry)
            let answers = await withTaskGroup(of: DependencyMetadata?.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        let answer = try? StoredDependencyMetadata.read(metadataAt: metadata, source: "six/METADATA")?.get()
                        return answer
                    }
                }
                var answers: [DependencyMetadata?] = []
                for await answer in group { answers.append(answer) }
                return answers
            }
            #expect(answers.count == 16)
            #expect(answers.allSatisfy { $0 == expected })
            #expect(try FileSystem.readBytes(entry) == original)
        }
        let left = try FileSystem.listDirectory(FileSystem.parent(of: metadata))
        #expect(left.sorted() == [file.filename + ".metadata", file.filename + ".metadata.parsed"])
    }
}

extension Array where Element == UInt8 {
    fileprivate mutating func store<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        Swift.withUnsafeBytes(of: value.littleEndian) { bytes in
            for (index, byte) in bytes.enumerated() { self[offset + index] = byte }
        }
    }
}
