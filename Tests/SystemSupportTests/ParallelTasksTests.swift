import Synchronization
import Testing
@testable import SystemSupport

@Suite struct ParallelTasksTests {
    private struct Failure: Error, Equatable { let task: Int }

    /// A binary tree of 2,047 nodes, each found by its parent: every node runs once, after its parent.
    @Test(arguments: [1, 2, 5])
    func runsTasksThatOtherTasksDiscover(width: Int) {
        let visits = Mutex([Int](repeating: 0, count: 2_047))
        let order = Mutex([Int: Int]())
        let clock = Atomic<Int>(0)
        ParallelTasks.run([0], width: width) { node in
            visits.withLock { $0[node] += 1 }
            let tick = clock.wrappingAdd(1, ordering: .relaxed).newValue
            order.withLock { $0[node] = tick }
            return [2 * node + 1, 2 * node + 2].filter { $0 < 2_047 }
        }
        let counts = visits.withLock { $0 }
        #expect(counts == [Int](repeating: 1, count: 2_047))
        let ticks = order.withLock { $0 }
        #expect((1..<2_047).allSatisfy { (ticks[$0] ?? 0) > (ticks[($0 - 1) / 2] ?? .max) })
    }

    @Test func theFirstFailureStopsNewTasksAndIsThrown() {
        let ran = Atomic<Int>(0)
        #expect(throws: Failure(task: 1)) {
            try ParallelTasks.run([0], width: 3) { node throws(Failure) -> [Int] in
                ran.wrappingAdd(1, ordering: .relaxed)
                if node == 1 { throw Failure(task: 1) }
                return node == 0 ? [1] : []
            }
        }
        #expect(ran.load(ordering: .relaxed) == 2)
    }

    @Test func noTasksReturnAtOnce() {
        ParallelTasks.run([Int](), width: 4) { _ in
            Issue.record("nothing should run")
            return []
        }
    }
}
