import Testing
import TestSupport
@testable import SystemSupport

@Suite struct FileLockTests {
    @Test func anExclusiveLockExcludesOthersUntilReleased() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("x.lock")
        let first = try #require(try FileLock.tryAcquire(path, mode: .exclusive))
        // flock locks belong to the open file description, so a second open in-process conflicts too.
        #expect(try FileLock.tryAcquire(path, mode: .exclusive) == nil)
        #expect(try FileLock.tryAcquire(path, mode: .shared) == nil)
        first.release()
        #expect(try FileLock.tryAcquire(path, mode: .exclusive) != nil)
    }

    @Test func sharedLocksCoexist() throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("x.lock")
        let a = try FileLock.tryAcquire(path, mode: .shared)
        let b = try FileLock.tryAcquire(path, mode: .shared)
        #expect(a != nil && b != nil)
    }

    @Test func waitingTimesOutNamingTheResource() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.file("x.lock")
        let holder = try #require(try FileLock.tryAcquire(path, mode: .exclusive))
        var messages: [String] = []
        await #expect(throws: LockError.timedOut(resource: "the thing", path: path, after: .milliseconds(200))) {
            _ = try await FileLock.acquire(path, mode: .exclusive, resource: "the thing", timeout: .milliseconds(200)) {
                messages.append($0)
            }
        }
        #expect(messages.count == 1)
        #expect(messages.first?.contains("the thing") == true)
        holder.release()
    }
}
