import Testing
@testable import PackagingModel

// Cases carried over from pypa/packaging tests/test_tags.py (TestTag, TestParseTag).
@Suite struct TagTests {
    @Test func lowercasesItsParts() throws {
        let tag = try PackagingModel.Tag("PY3", "None", "ANY")
        #expect(tag.interpreter == "py3")
        #expect(tag.abi == "none")
        #expect(tag.platform == "any")
        #expect(tag == (try PackagingModel.Tag("py3", "none", "any")))
        #expect(tag.description == "py3-none-any")
    }

    @Test func equalTagsHashAlike() throws {
        let tags: Set<PackagingModel.Tag> = [try PackagingModel.Tag("py3", "none", "any")]
        #expect(tags.contains(try PackagingModel.Tag("py3", "none", "any")))
    }

    @Test func rejectsSeparatorsAndEmptyParts() {
        #expect(throws: TagParseError.invalidCharacter(tag: "py2.py3-none-any", component: "interpreter", value: "py2.py3")) {
            try PackagingModel.Tag("py2.py3", "none", "any")
        }
        #expect(throws: TagParseError.emptyComponent(tag: "py3--any", component: "ABI")) {
            try PackagingModel.Tag("py3", "", "any")
        }
        #expect(throws: TagParseError.invalidInterpreter(tag: "2-none-any", interpreter: "2")) {
            try PackagingModel.Tag("2", "none", "any")
        }
    }

    @Test func parsesASingleTag() throws {
        #expect(try PackagingModel.Tag.parseCompressedSet("py3-none-any") == [try PackagingModel.Tag("py3", "none", "any")])
    }

    @Test func expandsCompressedInterpreters() throws {
        #expect(try PackagingModel.Tag.parseCompressedSet("py2.py3-none-any") == [try PackagingModel.Tag("py2", "none", "any"), try PackagingModel.Tag("py3", "none", "any")])
    }

    @Test func expandsCompressedPlatformsInOrder() throws {
        let platforms = [
            "macosx_10_6_intel", "macosx_10_9_intel", "macosx_10_9_x86_64", "macosx_10_10_intel", "macosx_10_10_x86_64",
        ]
        let parsed = try PackagingModel.Tag.parseCompressedSet("cp37-cp37m-" + platforms.joined(separator: "."))
        #expect(parsed == (try platforms.map { try PackagingModel.Tag("cp37", "cp37m", $0) }))
    }

    @Test func expandsTheCartesianProduct() throws {
        let parsed = try PackagingModel.Tag.parseCompressedSet("cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64")
        #expect(parsed.map(\.description) == [
            "cp312-cp312-manylinux_2_17_x86_64", "cp312-cp312-manylinux2014_x86_64",
        ])
        let product = try PackagingModel.Tag.parseCompressedSet("py2.py3-abi3.none-any.linux_x86_64")
        #expect(product.count == 8)
        #expect(product.first?.description == "py2-abi3-any")
        #expect(product.last?.description == "py3-none-linux_x86_64")
    }

    @Test func keepsUnsortedMembersAndDropsDuplicates() throws {
        #expect(try PackagingModel.Tag.parseCompressedSet("py3.py2-none-any").map(\.description) == ["py3-none-any", "py2-none-any"])
        #expect(try PackagingModel.Tag.parseCompressedSet("py3.py3-none-any").count == 1)
    }

    @Test(arguments: ["-none-any", "py3--any", "py3-none-", "py3.-none-any", "py3-none-any.", "--"])
    func rejectsEmptyComponents(_ text: String) {
        #expect {
            _ = try PackagingModel.Tag.parseCompressedSet(text)
        } throws: { error in
            if case TagParseError.emptyComponent = error { return true }
            return false
        }
    }

    @Test(arguments: ["2-none-any", "2.7.6-none-any", "py3.2-none-any", "py+3-none-any"])
    func rejectsInvalidInterpreters(_ text: String) {
        #expect {
            _ = try PackagingModel.Tag.parseCompressedSet(text)
        } throws: { error in
            if case TagParseError.invalidInterpreter = error { return true }
            return false
        }
    }

    @Test(arguments: ["sillywalk", "graalpy311", "_custom"])
    func acceptsIdentifierInterpreters(_ interpreter: String) throws {
        #expect(try PackagingModel.Tag.parseCompressedSet("\(interpreter)-none-any") == [try PackagingModel.Tag(interpreter, "none", "any")])
    }

    @Test(arguments: ["py3-none", "py3-none-any-extra"])
    func rejectsWrongComponentCounts(_ text: String) {
        #expect {
            _ = try PackagingModel.Tag.parseCompressedSet(text)
        } throws: { error in
            if case TagParseError.wrongComponentCount = error { return true }
            return false
        }
    }

    @Test func limitsTheExpansion() throws {
        #expect(try PackagingModel.Tag.parseCompressedSet("py2.py3-none-any", limit: 2).count == 2)
        #expect(throws: TagParseError.tooManyTags(tag: "py2.py3-none-any", count: 2, limit: 1)) {
            try PackagingModel.Tag.parseCompressedSet("py2.py3-none-any", limit: 1)
        }
        // Counted before duplicates collapse, as packaging does.
        #expect(throws: TagParseError.tooManyTags(tag: "py3.py3-none-any", count: 2, limit: 1)) {
            try PackagingModel.Tag.parseCompressedSet("py3.py3-none-any", limit: 1)
        }
    }
}
