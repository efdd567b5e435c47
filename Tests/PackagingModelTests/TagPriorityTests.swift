import Testing
@testable import PackagingModel

@Suite struct TagPriorityTests {
    private func tags(_ platforms: [String]) -> [PackagingModel.Tag] {
        platforms.map { PackagingModel.Tag(unchecked: "py3", "none", $0) }
    }

    // packaging's test_create_compatible_tags_selector, carried over: (supported, wheels, expected order).
    @Test(arguments: [
        (["t1", "t2"], ["t1", "t2"], ["t1", "t2"]),
        (["t1", "t2"], ["t3", "t4"], []),
        (["t1", "t2"], ["t2", "t1"], ["t1", "t2"]),
        (["t1", "t2", "t1"], ["t2", "t1"], ["t1", "t2"]),
        (["t1", "t3"], ["t2", "t1"], ["t1"]),
        (["t1", "t3"], ["t2.t3", "t1"], ["t1", "t2.t3"]),
        (["t1"], ["t2", "t1"], ["t1"]),
    ])
    func ranksWheelsByTheirBestTag(supported: [String], wheels: [String], expected: [String]) throws {
        let priority = TagPriority(tags(supported))
        var ranked: [(String, Int)] = []
        for wheel in wheels {
            let wheelTags = try PackagingModel.Tag.parseCompressedSet("py3-none-\(wheel)")
            if let rank = priority.bestRank(of: wheelTags) { ranked.append((wheel, rank)) }
        }
        // A stable sort, as Python's `sorted` is.
        let order = ranked.enumerated().sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }.map(\.element.0)
        #expect(order == expected)
    }

    @Test func prefersTheNewerPythonTag() throws {
        // DESIGN.md's first failure mode: on 3.11, a py311 wheel beats a py310 one.
        let target = TagTarget(interpreter: .cpython(CPythonBuild()), pythonVersion: LanguageVersion(3, 11), platforms: ["linux_x86_64"])
        let priority = TagPriority(CompatibleTags.forTarget(target))
        let py311 = try #require(priority.rank(of: try PackagingModel.Tag("py311", "none", "any")))
        let py310 = try #require(priority.rank(of: try PackagingModel.Tag("py310", "none", "any")))
        #expect(py311 < py310)
        #expect(priority.rank(of: try PackagingModel.Tag("cp312", "abi3", "linux_x86_64")) == nil)
        #expect(!priority.isCompatible([try PackagingModel.Tag("cp311", "cp311", "win_amd64")]))
    }
}
