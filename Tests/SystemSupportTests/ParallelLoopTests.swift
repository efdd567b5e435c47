import Glibc
import Synchronization
import Testing
@testable import SystemSupport

@Suite struct ParallelLoopTests {
    private struct Failure: Error, Equatable { let index: Int }

    @Test(arguments: [1, 2, 7, 64])
    func runsEveryIndexExactlyOnce(width: Int) {
        let counts = Mutex([Int](repeating: 0, count: 1_000))
        ParallelLoop.run(count: 1_000, width: width) { index in
            counts.withLock { $0[index] += 1 }
        }
        let final = counts.withLock { $0 }
        #expect(final == [Int](repeating: 1, count: 1_000))
    }

    @Test func usesSeveralThreadsWhenAllowed() {
        let threads = Mutex<Set<UInt>>([])
        let arrived = Atomic<Int>(0)
        ParallelLoop.run(count: 4, width: 4) { _ in
            threads.withLock { _ = $0.insert(UInt(pthread_self())) }
            // Each item waits (briefly) for the others, which only other threads can start.
            arrived.wrappingAdd(1, ordering: .relaxed)
            var spins = 0
            while arrived.load(ordering: .relaxed) < 4 && spins < 2_000 { usleep(1_000); spins += 1 }
        }
        let distinct = threads.withLock { $0.count }
        #expect(distinct == 4)
    }

    @Test func throwsTheFailureOfTheLowestIndex() {
        #expect(throws: Failure(index: 3)) {
            try ParallelLoop.run(count: 10_000, width: 4) { index throws(Failure) in
                // Index 5 may well fail first on another thread; 3 is still the one reported.
                if index == 3 || index == 5 { throw Failure(index: index) }
            }
        }
    }

    /// With one thread the order is fixed, so what "stops taking work" means can be counted.
    /// (With more, a thread preempted between taking an item and failing lets the others go on.)
    @Test func stopsTakingWorkAfterAFailure() {
        let started = Atomic<Int>(0)
        #expect(throws: Failure(index: 3)) {
            try ParallelLoop.run(count: 10_000, width: 1) { index throws(Failure) in
                started.wrappingAdd(1, ordering: .relaxed)
                if index == 3 { throw Failure(index: index) }
            }
        }
        #expect(started.load(ordering: .relaxed) == 4)
    }

    @Test func nothingToDoReturnsAtOnce() {
        ParallelLoop.run(count: 0) { _ in Issue.record("no item should run") }
    }
}
