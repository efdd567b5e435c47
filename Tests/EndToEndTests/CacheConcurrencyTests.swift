import Foundation
import Testing
import TestSupport

/// The cache's promises across processes, through `kiln cache debug-obtain`, which obtains one
/// archive-store entry and produces it slowly when it is missing.
@Suite struct CacheConcurrencyTests {
    @Test func eightProcessesAtOnceProduceOneEntryOnce() throws {
        let directory = try TemporaryDirectory()
        let cache = directory.file("cache")
        let processes = try (0..<8).map { _ in
            try BackgroundProcess(KilnBinary.path, ["cache", "debug-obtain", "shared", "--size", "100000", "--sleep-ms", "300", "--cache-dir", cache])
        }
        let results = processes.map { $0.wait() }

        #expect(results.allSatisfy { $0.signal == nil && $0.status == 0 }, "\(results.map(\.stderr))")
        let lines = results.map { $0.stdout.trimmingCharacters(in: .newlines) }
        #expect(lines.filter { $0.hasPrefix("produced ") }.count == 1, "\(lines)")
        #expect(lines.filter { $0.hasPrefix("reused ") }.count == 7, "\(lines)")
        let paths = Set(lines.map { $0.split(separator: " ", maxSplits: 1).last.map(String.init) ?? "" })
        #expect(paths.count == 1)
        let path = try #require(paths.first)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Self.content("shared", size: 100000))
        // One entry and its lock file; no temporaries.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent).sorted()
        #expect(siblings == [".debug-obtain-shared.bin.lock", "debug-obtain-shared.bin"])
        // The others said what they waited for.
        #expect(results.contains { $0.stderr.contains("Waiting for another kiln process to finish with debug-obtain-shared.bin") })
    }

    @Test func aProducerKilledAtRandomPointsNeverPublishesHalfAnEntry() throws {
        let size = 2_000_000
        let expected = Self.content("killed", size: size)
        var killedWhileProducing = 0
        for _ in 0..<20 {
            let directory = try TemporaryDirectory()
            let cache = directory.file("cache")
            let arguments = ["cache", "debug-obtain", "killed", "--size", String(size), "--cache-dir", cache]
            let victim = try BackgroundProcess(KilnBinary.path, arguments + ["--sleep-ms", "250"])
            // Wait until it is producing (its temporary exists), then kill it somewhere in the next 250 ms.
            let started = Self.waitForTemporary(under: cache + "/archives-v1", timeout: 10)
            usleep(UInt32.random(in: 0..<250_000))
            victim.kill()
            _ = victim.wait()
            if started && victim.wasKilled && Self.publishedFiles(under: cache + "/archives-v1").isEmpty { killedWhileProducing += 1 }

            for file in Self.publishedFiles(under: cache + "/archives-v1") {
                #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == expected, "a partial entry was published at \(file)")
            }
            let next = try KilnBinary.run(arguments)
            #expect(next.status == 0, "\(next.stderr)")
            let path = String(next.stdout.trimmingCharacters(in: .newlines).split(separator: " ", maxSplits: 1).last ?? "")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == expected)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent).filter { $0.contains(".tmp-") }
            #expect(leftovers.isEmpty, "the killed producer's temporary should be gone: \(leftovers)")
        }
        // Most kills must land mid-production, or the test proves little.
        #expect(killedWhileProducing >= 10, "only \(killedWhileProducing) of 20 kills landed while producing")
    }

    static func content(_ key: String, size: Int) -> Data {
        let pattern = Array(key.utf8)
        return Data((0..<size).map { pattern[$0 % pattern.count] })
    }

    static func waitForTemporary(under directory: String, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if CacheFixture.tree(directory).contains(where: { ($0 as NSString).lastPathComponent.contains(".tmp-") }) { return true }
            usleep(1000)
        }
        return false
    }

    /// Entries as readers see them: files whose names are not hidden (temporaries and locks are).
    static func publishedFiles(under directory: String) -> [String] {
        CacheFixture.tree(directory).filter { relative in
            let name = (relative as NSString).lastPathComponent
            var info = stat()
            return !name.hasPrefix(".") && lstat(directory + "/" + relative, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        }.map { directory + "/" + $0 }
    }
}
