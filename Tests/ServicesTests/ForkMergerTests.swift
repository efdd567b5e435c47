import PackagingModel
import Testing
@testable import Services

/// The Python part of a lock entry's marker, from the minors it was picked for.
@Suite struct ForkMergerTests {
    func merger(_ minors: [Int]) throws -> ForkMerger {
        ForkMerger(forks: try minors.map { PythonFork(minor: $0, version: try Version("3.\($0).0")) }, indexURL: nil)
    }

    @Test func runsOfNeighbouringMinorsBecomeRanges() throws {
        let merger = try merger(Array(8...14))
        #expect(merger.pythonMarker(Set(8...14)) == nil)
        #expect(merger.pythonMarker([8, 9]) == "python_version < \"3.10\"")
        #expect(merger.pythonMarker([10, 11]) == "python_version >= \"3.10\" and python_version < \"3.12\"")
        #expect(merger.pythonMarker([10]) == "python_version == \"3.10\"")
        #expect(merger.pythonMarker([12, 13, 14]) == "python_version >= \"3.12\"")
        #expect(merger.pythonMarker([8, 10, 11, 14]) ==
                "python_version < \"3.9\" or (python_version >= \"3.10\" and python_version < \"3.12\") or python_version >= \"3.14\"")
    }

    @Test func minorsOutsideRequiresPythonBelongToNoRun() throws {
        // requires-python excluded 3.10: 3.9 and 3.11 are neighbours.
        let merger = try merger([9, 11, 12])
        #expect(merger.pythonMarker([9, 11]) == "python_version < \"3.12\"")
        #expect(merger.pythonMarker([11]) == "python_version == \"3.11\"")
        #expect(merger.pythonMarker([9]) == "python_version < \"3.11\"")
    }

    @Test func selectorsJoinThePythonClause() throws {
        let dev = LockSelector.group(try DependencyGroupName("dev"))
        let socks = LockSelector.extra(try ExtraName("socks"))
        #expect(try ForkMerger.marker(python: nil, selectors: [.base, dev])?.description == nil)
        #expect(try ForkMerger.marker(python: "python_version < \"3.10\"", selectors: [socks, dev])?.description
                == "python_version < \"3.10\" and (\"socks\" in extras or \"dev\" in dependency_groups)")
        #expect(try ForkMerger.marker(python: "python_version < \"3.9\" or python_version >= \"3.12\"", selectors: [dev])?.description
                == "(python_version < \"3.9\" or python_version >= \"3.12\") and \"dev\" in dependency_groups")
    }
}
