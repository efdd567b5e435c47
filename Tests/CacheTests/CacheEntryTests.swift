import Foundation
import SystemSupport
import Testing
import TestSupport
@testable import Cache

@Suite struct CacheEntryTests {
    @Test func producesOncePublishesAndThenReuses() async throws {
        let cache = try await TestCache.make()
        let entry = try cache.root.entryPath(.metadata, ["six", "six-1.16.0.metadata"])
        let first = try await CacheEntry.obtain(entry, resource: "six metadata", timeout: .seconds(5)) { temporary in
            try Files.write("Name: six", to: temporary)
        }
        #expect(first == ObtainedEntry(path: entry, wasProduced: true))
        #expect(try Files.read(entry) == "Name: six")
        #expect(Files.temporaries(in: FileSystem.parent(of: entry)).isEmpty)

        let second = try await CacheEntry.obtain(entry, resource: "six metadata", timeout: .seconds(5)) { _ in
            Issue.record("an existing entry must not be produced again")
        }
        #expect(second == ObtainedEntry(path: entry, wasProduced: false))
    }

    @Test func publishesADirectoryEntryWhole() async throws {
        let cache = try await TestCache.make()
        let entry = try cache.root.entryPath(.wheels, ["six", "six-1.16.0-py2.py3-none-any"])
        let result = try await CacheEntry.obtain(entry, resource: "six wheel", timeout: .seconds(5)) { temporary in
            try Files.write("print(1)", to: temporary + "/six.py")
            try Files.write("Name: six", to: temporary + "/six-1.16.0.dist-info/METADATA")
        }
        #expect(result.wasProduced)
        #expect(Files.tree(entry) == ["six-1.16.0.dist-info", "six-1.16.0.dist-info/METADATA", "six.py"])
    }

    @Test func eightConcurrentTasksProduceOnce() async throws {
        let cache = try await TestCache.make()
        let entry = try cache.root.entryPath(.builtWheels, ["demo", "demo-1.0-py3-none-any.whl"])
        let counter = ProductionCounter()
        let results = try await withThrowingTaskGroup(of: ObtainedEntry.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    // A generous lock timeout: in a full parallel run on 2 cores, end-to-end tests that
                    // wait synchronously for kiln starve this test's tasks for tens of seconds.
                    try await CacheEntry.obtain(entry, resource: "demo build", timeout: .seconds(600)) { temporary in
                        await counter.increment()
                        try await Task.sleep(for: .milliseconds(300))
                        try Files.write("wheel", to: temporary)
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(await counter.count == 1)
        #expect(results.count == 8)
        #expect(results.filter(\.wasProduced).count == 1)
        #expect(Set(results.map(\.path)) == [entry])
        #expect(try FileManager.default.contentsOfDirectory(atPath: FileSystem.parent(of: entry)).filter { !$0.hasSuffix(".lock") }
            == ["demo-1.0-py3-none-any.whl"])
    }

    @Test func failingProducerLeavesNothingAndTheNextObtainProduces() async throws {
        let cache = try await TestCache.make()
        let entry = try cache.root.entryPath(.wheels, ["broken", "broken-1.0"])
        await #expect(throws: ProducerFailure.self) {
            try await CacheEntry.obtain(entry, resource: "broken", timeout: .seconds(5)) { temporary in
                try Files.write("half", to: temporary + "/part")
                throw ProducerFailure()
            }
        }
        #expect(!Files.exists(entry))
        #expect(Files.temporaries(in: FileSystem.parent(of: entry)).isEmpty)

        let retry = try await CacheEntry.obtain(entry, resource: "broken", timeout: .seconds(5)) { temporary in
            try Files.write("whole", to: temporary + "/part")
        }
        #expect(retry.wasProduced)
    }

    @Test func producerThatLeavesNothingIsAnError() async throws {
        let cache = try await TestCache.make()
        let entry = try cache.root.entryPath(.metadata, ["empty"])
        await #expect(throws: CacheError.nothingProduced(entry: entry)) {
            try await CacheEntry.obtain(entry, resource: "empty", timeout: .seconds(5)) { _ in }
        }
    }

    @Test func lockTimeoutNamesTheResourceAndWhatIsWaitedFor() async throws {
        let cache = try await TestCache.make()
        let entry = try cache.root.entryPath(.archives, ["busy.whl"])
        // flock locks belong to an open file description: a second open in this process conflicts,
        // just as another process would.
        let held = try await FileLock.acquire(CacheEntry.lockPath(for: entry), mode: .exclusive, resource: "test", timeout: .seconds(1))
        var waitMessages: [String] = []
        do {
            _ = try await CacheEntry.obtain(entry, resource: "busy.whl from the index", timeout: .milliseconds(100),
                                            onWait: { waitMessages.append($0) }) { _ in
                Issue.record("must not produce without the lock")
            }
            Issue.record("obtain should have timed out")
        } catch let error as CacheError {
            guard case .lock(.timedOut(let resource, let path, _)) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(resource == "busy.whl from the index")
            #expect(path == CacheEntry.lockPath(for: entry))
            #expect(error.description.contains("waiting for busy.whl from the index"))
            #expect(error.description.contains("KILN_LOCK_TIMEOUT"))
        }
        #expect(waitMessages.count == 1)
        #expect(waitMessages.first?.contains("busy.whl from the index") == true)
        held.release()
    }

    @Test func abandonedTemporaryOfTheEntryIsRemovedByTheNextProducer() async throws {
        let cache = try await TestCache.make()
        let entry = try cache.root.entryPath(.wheels, ["demo", "demo-1.0"])
        let directory = FileSystem.parent(of: entry)
        let dead = directory + "/.demo-1.0.tmp-\(Files.deadProcessID)-123"
        let live = directory + "/.demo-1.0.tmp-\(getpid())-456"
        let other = directory + "/.other.tmp-\(Files.deadProcessID)-789"
        for path in [dead, live, other] { try Files.write("partial", to: path + "/file") }
        _ = try await CacheEntry.obtain(entry, resource: "demo", timeout: .seconds(5)) { temporary in
            try Files.write("whole", to: temporary)
        }
        #expect(!Files.exists(dead))
        #expect(Files.exists(live), "a temporary whose process is alive is not ours to remove")
        #expect(Files.exists(other), "temporaries of other entries are prune's business")
    }

    @Test func publishNeverReplacesAnExistingEntry() throws {
        let directory = try TemporaryDirectory()
        let entry = directory.path + "/entry"
        try Files.write("first", to: entry + "/file")
        // An empty directory: plain rename(2) would silently replace it.
        let emptyEntry = directory.path + "/empty-entry"
        try FileManager.default.createDirectory(atPath: emptyEntry, withIntermediateDirectories: true)
        for target in [entry, emptyEntry] {
            let temporary = FileSystem.temporarySibling(of: target)
            try Files.write("second", to: temporary + "/file")
            #expect(try CacheEntry.publish(temporary, as: target) == false)
            #expect(!Files.exists(temporary))
        }
        #expect(try Files.read(entry + "/file") == "first")
        #expect(Files.tree(emptyEntry).isEmpty)
    }
}
