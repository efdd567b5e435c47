import Testing
@testable import PackagingModel

private func readGroups(_ body: String) throws(PyProjectError) -> DependencyGroups {
    try PyProject(text: "[dependency-groups]\n" + body, source: "pyproject.toml").dependencyGroups
}

private func name(_ text: String) throws -> DependencyGroupName { try DependencyGroupName(text) }

@Suite struct PyProjectDependencyGroupsTests {
    /// The example of PEP 735.
    @Test func includesExpandInOrder() throws {
        let groups = try readGroups("""
            test = ["pytest>7", "coverage"]
            docs = ["sphinx", "sphinx-rtd-theme"]
            typing = ["mypy", "types-requests"]
            typing-test = [{include-group = "typing"}, {include-group = "test"}, "useful-types"]
            """)
        #expect(Set(groups.names.map(\.original)) == ["test", "docs", "typing", "typing-test"])
        #expect(try groups.requirements(of: name("typing-test")) == [
            try Requirement("mypy"), try Requirement("types-requests"), try Requirement("pytest>7"),
            try Requirement("coverage"), try Requirement("useful-types"),
        ])
        let all = try groups.resolveAll()
        #expect(all.count == 4)
        #expect(all[try name("docs")]?.count == 2)
    }

    @Test func namesAreNormalised() throws {
        let groups = try readGroups("""
            Typing_Test = [{include-group = "TYPING"}]
            typing = ["mypy"]
            """)
        #expect(try groups.requirements(of: name("typing.test")) == [try Requirement("mypy")])
        #expect(try name("Foo.Bar") == (try name("foo-bar")))
    }

    @Test func nestedIncludesAndDiamonds() throws {
        let groups = try readGroups("""
            base = ["a"]
            left = [{include-group = "base"}, "b"]
            right = [{include-group = "base"}, "c"]
            top = [{include-group = "left"}, {include-group = "right"}]
            """)
        #expect(try groups.requirements(of: name("top")).map(\.name.normalized) == ["a", "b", "a", "c"])
    }

    @Test func duplicateNormalisedNames() throws {
        let error = try #require(throws: PyProjectError.self) { try readGroups("Test = [\"a\"]\ntest = [\"b\"]") }
        guard case .duplicateDependencyGroup("pyproject.toml", let names) = error else { Issue.record("got \(error)"); return }
        #expect(Set(names) == ["Test", "test"])
    }

    @Test func cycleIsReportedWithItsPath() throws {
        let groups = try readGroups("""
            a = [{include-group = "b"}]
            b = [{include-group = "c"}]
            c = [{include-group = "a"}]
            """)
        #expect(throws: PyProjectError.dependencyGroupCycle(source: "pyproject.toml", cycle: ["a", "b", "c", "a"])) {
            try groups.requirements(of: name("a"))
        }
        let error = try #require(throws: PyProjectError.self) { try groups.requirements(of: name("b")) }
        #expect(error.description == "pyproject.toml: dependency groups include each other in a cycle: b -> c -> a -> b")
        let selfInclude = try readGroups("me = [\"x\", {include-group = \"me\"}]")
        #expect(throws: PyProjectError.dependencyGroupCycle(source: "pyproject.toml", cycle: ["me", "me"])) {
            try selfInclude.requirements(of: name("me"))
        }
    }

    @Test func unknownGroup() throws {
        let groups = try readGroups("a = [{include-group = \"missing\"}]")
        #expect(throws: PyProjectError.unknownDependencyGroup(source: "pyproject.toml", group: "missing", includedFrom: "a")) {
            try groups.requirements(of: name("a"))
        }
        #expect(throws: PyProjectError.unknownDependencyGroup(source: "pyproject.toml", group: "zzz", includedFrom: nil)) {
            try groups.requirements(of: name("zzz"))
        }
    }

    @Test func invalidEntries() throws {
        let groups = try readGroups("""
            misspelled = [{include_group = "a"}]
            extra-key = [{include-group = "a", also = 1}]
            number = ["ok", 3]
            bad-requirement = ["requests >="]
            bad-include = [{include-group = "-x"}]
            include-not-string = [{include-group = 1}]
            a = ["fine"]
            """)
        #expect(throws: PyProjectError.invalidDependencyGroupEntry(source: "pyproject.toml", keyPath: "dependency-groups.misspelled[0]")) {
            try groups.requirements(of: name("misspelled"))
        }
        #expect(throws: PyProjectError.invalidDependencyGroupEntry(source: "pyproject.toml", keyPath: "dependency-groups.extra-key[0]")) {
            try groups.requirements(of: name("extra-key"))
        }
        #expect(throws: PyProjectError.invalidDependencyGroupEntry(source: "pyproject.toml", keyPath: "dependency-groups.number[1]")) {
            try groups.requirements(of: name("number"))
        }
        let requirement = try #require(throws: PyProjectError.self) { try groups.requirements(of: name("bad-requirement")) }
        guard case .invalidRequirement(_, "dependency-groups.bad-requirement[0]", "requests >=", _) = requirement else {
            Issue.record("got \(requirement)")
            return
        }
        let include = try #require(throws: PyProjectError.self) { try groups.requirements(of: name("bad-include")) }
        guard case .invalidName(_, "dependency-groups.bad-include[0].include-group", "-x", _) = include else {
            Issue.record("got \(include)")
            return
        }
        #expect(throws: PyProjectError.wrongType(
            source: "pyproject.toml", keyPath: "dependency-groups.include-not-string[0].include-group",
            expected: "a string", found: "an integer")
        ) { try groups.requirements(of: name("include-not-string")) }
        // PEP 735: problems in one group do not stop the others.
        #expect(try groups.requirements(of: name("a")) == [try Requirement("fine")])
        #expect(throws: PyProjectError.self) { try groups.resolveAll() }
    }

    @Test func structuralErrorsAtParse() throws {
        #expect(throws: PyProjectError.wrongType(
            source: "pyproject.toml", keyPath: "dependency-groups.test", expected: "an array", found: "a string")
        ) { try readGroups("test = \"pytest\"") }
        let badName = try #require(throws: PyProjectError.self) { try readGroups("\"not valid!\" = []") }
        guard case .invalidName(_, "dependency-groups.\"not valid!\"", "not valid!", _) = badName else {
            Issue.record("got \(badName)")
            return
        }
        #expect(throws: PyProjectError.wrongType(
            source: "pyproject.toml", keyPath: "dependency-groups", expected: "a table", found: "an array")
        ) { try PyProject(text: "dependency-groups = []") }
    }

    @Test func emptyWhenAbsent() throws {
        let pyproject = try PyProject(text: "[project]\nname = \"a\"\nversion = \"1\"")
        #expect(pyproject.dependencyGroups.isEmpty)
        #expect(pyproject.dependencyGroups == .empty)
    }
}
