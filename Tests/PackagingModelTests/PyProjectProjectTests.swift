import Testing
@testable import PackagingModel

private func parse(_ text: String) throws(PyProjectError) -> PyProject {
    try PyProject(text: text, source: "pyproject.toml")
}

private func expectError(_ expected: PyProjectError, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(throws: expected, sourceLocation: sourceLocation) { try parse(text) }
}

@Suite struct PyProjectProjectTests {
    @Test func realShapedProject() throws {
        let pyproject = try parse("""
            [build-system]
            requires = ["hatchling", "hatch-vcs"]
            build-backend = "hatchling.build"

            [project]
            name = "Black"
            description = "The uncompromising code formatter."
            license = { text = "MIT" }
            requires-python = ">=3.8"
            authors = [{ name = "Łukasz Langa", email = "lukasz@langa.pl" }]
            keywords = ["automation", "formatter"]
            dependencies = [
              "click>=8.0.0",
              "packaging>=22.0",
              "tomli>=1.1.0; python_version < '3.11'",
            ]
            dynamic = ["readme", "version"]

            [project.optional-dependencies]
            colorama = ["colorama>=0.4.3"]
            uvloop = ["uvloop>=0.15.2"]
            d = ["aiohttp>=3.7.4; sys_platform != 'win32' or implementation_name != 'pypy'"]
            "Jupyter_Notebook" = ["ipython>=7.8.0", "tokenize-rt>=3.2.0"]

            [project.scripts]
            black = "black:patched_main"

            [tool.hatch.version]
            source = "vcs"
            """)
        let project = try #require(pyproject.project)
        #expect(project.name == (try PackageName("black")))
        #expect(project.version == nil)
        #expect(project.isDynamic("version"))
        #expect(project.dynamic == ["readme", "version"])
        #expect(project.requiresPython == (try SpecifierSet(">=3.8")))
        #expect(project.dependencies == [
            try Requirement("click>=8.0.0"), try Requirement("packaging>=22.0"),
            try Requirement("tomli>=1.1.0; python_version < '3.11'"),
        ])
        #expect(Set(project.optionalDependencies.map(\.extra.normalized)) == ["colorama", "uvloop", "d", "jupyter-notebook"])
        #expect(project.requirements(ofExtra: try ExtraName("jupyter-notebook"))?.count == 2)
        #expect(project.requirements(ofExtra: try ExtraName("missing")) == nil)
        #expect(pyproject.buildSystem.buildBackend == "hatchling.build")
    }

    @Test func staticVersion() throws {
        let project = try #require(try parse("[project]\nname = \"a\"\nversion = \"1.0-1\"").project)
        #expect(project.version == (try Version("1.0.post1")))
        #expect(project.dependencies.isEmpty)
        #expect(project.optionalDependencies.isEmpty)
        #expect(project.requiresPython == nil)
    }

    @Test func nameIsRequired() {
        expectError(.missingKey(source: "pyproject.toml", keyPath: "project.name"), "[project]\nversion = \"1\"")
    }

    @Test func versionIsRequiredUnlessDynamic() throws {
        expectError(.missingVersion(source: "pyproject.toml"), "[project]\nname = \"a\"")
        expectError(.missingVersion(source: "pyproject.toml"), "[project]\nname = \"a\"\ndynamic = [\"readme\"]")
        let error = try #require(throws: PyProjectError.self) { try parse("[project]\nname = \"a\"") }
        #expect(error.description == "pyproject.toml: project.version is missing; set it, or list \"version\" in "
            + "project.dynamic if the build backend computes it")
    }

    @Test(arguments: ["version", "dependencies", "requires-python", "optional-dependencies", "description"])
    func fieldCannotBeStaticAndDynamic(_ field: String) {
        let value = field == "optional-dependencies" ? "{}" : (field == "dependencies" ? "[]" : "\"1\"")
        expectError(.staticAndDynamic(source: "pyproject.toml", field: field),
                    "[project]\nname = \"a\"\nversion = \"1\"\n\(field == "version" ? "" : "\(field) = \(value)\n")"
                        + "dynamic = [\"\(field)\"]")
    }

    @Test func nameCannotBeDynamic() {
        expectError(.nameIsDynamic(source: "pyproject.toml"), "[project]\nname = \"a\"\ndynamic = [\"name\", \"version\"]")
    }

    @Test func wrongTypesNameTheKeyPath() throws {
        let error = try #require(throws: PyProjectError.self) {
            try parse("[project]\nname = \"a\"\nversion = \"1\"\ndependencies = [\"x\", \"y\", 3]")
        }
        #expect(error.description == "pyproject.toml: project.dependencies[2]: expected a string, found an integer")
        expectError(.wrongType(source: "pyproject.toml", keyPath: "project.name", expected: "a string", found: "an integer"),
                    "[project]\nname = 1\nversion = \"1\"")
        expectError(.wrongType(source: "pyproject.toml", keyPath: "project.dynamic", expected: "an array", found: "a string"),
                    "[project]\nname = \"a\"\ndynamic = \"version\"")
        expectError(.wrongType(source: "pyproject.toml", keyPath: "project.optional-dependencies", expected: "a table", found: "an array"),
                    "[project]\nname = \"a\"\nversion = \"1\"\noptional-dependencies = []")
        expectError(.wrongType(source: "pyproject.toml", keyPath: "project.optional-dependencies.test", expected: "an array", found: "a string"),
                    "[project]\nname = \"a\"\nversion = \"1\"\n[project.optional-dependencies]\ntest = \"pytest\"")
        expectError(.wrongType(source: "pyproject.toml", keyPath: "project.optional-dependencies.\"a.b\"[0]",
                               expected: "a string", found: "a table"),
                    "[project]\nname = \"a\"\nversion = \"1\"\n[project.optional-dependencies]\n\"a.b\" = [{}]")
        expectError(.wrongType(source: "pyproject.toml", keyPath: "project", expected: "a table", found: "an array"),
                    "project = []")
        expectError(.wrongType(source: "pyproject.toml", keyPath: "project.version", expected: "a string", found: "a local date"),
                    "[project]\nname = \"a\"\nversion = 2024-01-01")
    }

    @Test func invalidValues() throws {
        let name = try #require(throws: PyProjectError.self) { try parse("[project]\nname = \"-bad\"\nversion = \"1\"") }
        guard case .invalidName(_, "project.name", "-bad", _) = name else { Issue.record("got \(name)"); return }
        let version = try #require(throws: PyProjectError.self) { try parse("[project]\nname = \"a\"\nversion = \"one\"") }
        guard case .invalidVersion(_, "project.version", "one", _) = version else { Issue.record("got \(version)"); return }
        let python = try #require(throws: PyProjectError.self) {
            try parse("[project]\nname = \"a\"\nversion = \"1\"\nrequires-python = \"3.8+\"")
        }
        guard case .invalidSpecifier(_, "project.requires-python", "3.8+", _) = python else { Issue.record("got \(python)"); return }
        let dependency = try #require(throws: PyProjectError.self) {
            try parse("[project]\nname = \"a\"\nversion = \"1\"\ndependencies = [\"requests[\"]")
        }
        guard case .invalidRequirement(_, "project.dependencies[0]", "requests[", _) = dependency else {
            Issue.record("got \(dependency)")
            return
        }
        let extra = try #require(throws: PyProjectError.self) {
            try parse("[project]\nname = \"a\"\nversion = \"1\"\n[project.optional-dependencies]\n\"-x\" = []")
        }
        guard case .invalidName(_, "project.optional-dependencies.-x", "-x", _) = extra else { Issue.record("got \(extra)"); return }
    }
}
