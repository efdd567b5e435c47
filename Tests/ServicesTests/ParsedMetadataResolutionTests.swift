import Foundation
import PackagingModel
import SystemSupport
import Testing
import TestSupport

/// The parsed entries beside cached wheel METADATA files change nothing a resolution decides:
/// damaged ones give the same pins, are rebuilt from the METADATA files, and nothing is fetched
/// again for them.
@Suite struct ParsedMetadataResolutionTests {
    /// Every parsed metadata entry in the cache, by path.
    func entries(_ rig: ServicesTestRig) throws -> [String: [UInt8]] {
        let root = try rig.cache.bucket(.metadata)
        let paths = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".metadata.parsed") }
        var entries: [String: [UInt8]] = [:]
        for path in paths { entries[path] = try FileSystem.readBytes(root + "/" + path) }
        return entries
    }

    @Test func damagedEntriesGiveTheSamePinsAndAreRebuilt() async throws {
        let repository = try PackageRepository()
        try repository.wheel("a", "2.0", requires: ["b>=1", "unused; python_version < '3'"], requiresPython: ">=3.8")
        try repository.wheel("b", "1.0")
        try repository.wheel("b", "1.5", requires: ["c[fast]"])
        try repository.wheel("c", "1.0", requires: ["d; extra == 'fast'"])
        try repository.wheel("d", "0.1")
        let rig = try await ServicesTestRig(repository)
        let pins = try await rig.pins(["a"])
        #expect(pins == ["a==2.0", "b==1.5", "c==1.0", "d==0.1"])
        let written = try entries(rig)
        try #require(written.count >= 4, "an entry per wheel whose metadata the resolution read")
        let root = try rig.cache.bucket(.metadata)
        let transfersBefore = try rig.server.requests().filter { $0.path.hasPrefix("/files/") }.count

        // Cut short, a bit flipped, emptied, and another wheel's entry in place of its own.
        let paths = written.keys.sorted()
        try FileSystem.writeAtomically(Array(try #require(written[paths[0]]).prefix(40)), to: root + "/" + paths[0])
        var flipped = try #require(written[paths[1]])
        flipped[flipped.count - 1] ^= 1
        try FileSystem.writeAtomically(flipped, to: root + "/" + paths[1])
        try FileSystem.writeAtomically([], to: root + "/" + paths[2])
        try FileSystem.writeAtomically(try #require(written[paths[0]]), to: root + "/" + paths[3])

        #expect(try await rig.pins(["a"]) == pins)
        #expect(try entries(rig) == written, "every damaged entry rewritten as it was")
        #expect(try rig.server.requests().filter { $0.path.hasPrefix("/files/") }.count == transfersBefore, "no METADATA fetched again")
    }
}
