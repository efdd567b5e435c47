import Foundation
import Testing
@testable import Cache

@Suite struct CacheTemporaryNameTests {
    @Test func parsesTheNamesFileSystemGivesTemporaries() throws {
        let name = try #require(CacheTemporaryName(parsing: ".six-1.16.0.tar.gz.tmp-4242-3735928559"))
        #expect(name.entryName == "six-1.16.0.tar.gz")
        #expect(name.processID == 4242)
    }

    @Test func theLastMarkerSplitsAnEntryWhoseNameContainsIt() throws {
        let name = try #require(CacheTemporaryName(parsing: ".odd.tmp-1-2.tmp-77-88"))
        #expect(name.entryName == "odd.tmp-1-2")
        #expect(name.processID == 77)
    }

    @Test(arguments: ["six.tmp-1-2", ".six.tmp-1", ".six.tmp-a-2", ".six.tmp-1-2-3", "..tmp-1-2", ".six.lock", ".lock", ".six.tmp-0-1"])
    func rejectsOtherNames(_ name: String) {
        #expect(CacheTemporaryName(parsing: name) == nil)
    }

    @Test func abandonedWhenTheProcessIsGoneOrAfterAnHour() throws {
        let now = CacheTimestamp(secondsSinceEpoch: 1_000_000)
        let recent = now.adding(seconds: -10)
        let old = now.adding(seconds: -3601)
        let dead = try #require(CacheTemporaryName(parsing: ".x.tmp-\(Files.deadProcessID)-1"))
        let alive = try #require(CacheTemporaryName(parsing: ".x.tmp-\(getpid())-1"))
        #expect(dead.isAbandoned(modifiedAt: recent, now: now))
        #expect(!alive.isAbandoned(modifiedAt: recent, now: now))
        #expect(alive.isAbandoned(modifiedAt: old, now: now))
    }
}
