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

    /// The shortcut for compressed sets (no expansion when a part names nothing accepted) gives
    /// the answer of expanding the set, and refuses what the parser refuses.
    @Test(arguments: [
        "cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64", "py2.py3-none-any", "CP311-ABI3-LINUX_X86_64",
        "cp311-cp311-win_amd64", "cp39-cp39-linux_x86_64", "pp310-pypy310_pp73-manylinux_2_17_x86_64",
        "py3.cp311-none.abi3-any.linux_x86_64", "cp312-abi3-manylinux_2_28_x86_64",
    ])
    func compressedSetsRankAsTheirExpansion(text: String) throws {
        let target = TagTarget(interpreter: .cpython(CPythonBuild()), pythonVersion: LanguageVersion(3, 11), platforms: ["manylinux_2_17_x86_64", "linux_x86_64"])
        let priority = TagPriority(CompatibleTags.forTarget(target))
        #expect(try priority.bestRank(ofCompressedSet: text) == priority.bestRank(of: try PackagingModel.Tag.parseCompressedSet(text)))
    }

    @Test(arguments: ["py3-none", "py3--any", "py3-none-any-x", "3py-none-any", ""])
    func malformedCompressedSetsAreRefusedByTheShortcutToo(text: String) {
        let priority = TagPriority(tags(["any"]))
        #expect(throws: TagParseError.self) { try priority.bestRank(ofCompressedSet: text) }
        #expect(throws: TagParseError.self) { try PackagingModel.Tag.parseCompressedSet(text) }
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
