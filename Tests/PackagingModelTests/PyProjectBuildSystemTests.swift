import Testing
@testable import PackagingModel

private func parse(_ text: String) throws(PyProjectError) -> PyProject {
    try PyProject(text: text, source: "pkg/pyproject.toml")
}

private func expectError(_ expected: PyProjectError, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(throws: expected, sourceLocation: sourceLocation) { try parse(text) }
}

@Suite struct PyProjectBuildSystemTests {
    @Test func absentTableMeansPEP517Default() throws {
        let pyproject = try parse("[project]\nname = \"a\"\nversion = \"1\"\n")
        #expect(pyproject.buildSystem.isDefault)
        #expect(pyproject.buildSystem.requires == [try Requirement("setuptools>=40.8.0")])
        #expect(pyproject.buildSystem.buildBackend == nil)
        #expect(pyproject.buildSystem.effectiveBuildBackend == "setuptools.build_meta:__legacy__")
        #expect(BuildSystem.pep517Default.requires.count == 1)
        #expect(try parse("").buildSystem == BuildSystem.pep517Default)
    }

    @Test func fullTable() throws {
        let pyproject = try parse("""
            [build-system]
            requires = ["hatchling>=1.18", "hatch-vcs; python_version >= '3.8'"]
            build-backend = "backend:build"
            backend-path = ["_build", ".", "tools/../backend"]
            """)
        let buildSystem = pyproject.buildSystem
        #expect(!buildSystem.isDefault)
        #expect(buildSystem.requires == [try Requirement("hatchling>=1.18"), try Requirement("hatch-vcs; python_version >= '3.8'")])
        #expect(buildSystem.buildBackend == "backend:build")
        #expect(buildSystem.effectiveBuildBackend == "backend:build")
        #expect(buildSystem.backendPath == ["_build", ".", "tools/../backend"])
        #expect(pyproject.project == nil)
        #expect(pyproject.dependencyGroups.isEmpty)
    }

    /// pip and pypa/build use the legacy backend and keep `requires` when `build-backend` is missing.
    @Test func missingBackendKeepsRequires() throws {
        let buildSystem = try parse("[build-system]\nrequires = [\"setuptools>=64\", \"wheel\"]").buildSystem
        #expect(buildSystem.buildBackend == nil)
        #expect(buildSystem.effectiveBuildBackend == BuildSystem.legacyBackend)
        #expect(buildSystem.requires.count == 2)
        #expect(!buildSystem.isDefault)
        #expect(try parse("[build-system]\nrequires = []").buildSystem.requires.isEmpty)
    }

    @Test func missingRequires() {
        expectError(.missingKey(source: "pkg/pyproject.toml", keyPath: "build-system.requires"),
                    "[build-system]\nbuild-backend = \"flit_core.buildapi\"")
    }

    /// pypa/build's typo check: the misspelled key and the one it most likely meant.
    @Test(arguments: [
        ("requirements", "requires"), ("require", "requires"), ("build_backend", "build-backend"),
        ("build-backends", "build-backend"), ("backend_path", "backend-path"), ("buildbackend", "build-backend"),
    ])
    func misspelledKeySuggestsTheIntendedOne(_ key: String, _ suggestion: String) {
        expectError(.unknownBuildSystemKey(source: "pkg/pyproject.toml", key: key, suggestion: suggestion),
                    "[build-system]\nrequires = []\n\(key) = \"x\"")
    }

    @Test func unknownKeyWithoutSuggestion() throws {
        expectError(.unknownBuildSystemKey(source: "pkg/pyproject.toml", key: "colour", suggestion: nil),
                    "[build-system]\nrequires = []\ncolour = \"blue\"")
        let error = try #require(throws: PyProjectError.self) { try parse("[build-system]\nbuild_backend = \"x\"") }
        #expect(error.description == "pkg/pyproject.toml: unknown key 'build_backend' in [build-system]; did you mean 'build-backend'?")
    }

    @Test func misspelledTableName() throws {
        for table in ["build_system", "build-sytem", "buildsystem", "Build-System"] {
            expectError(.misspelledTable(source: "pkg/pyproject.toml", found: table, expected: "build-system"),
                        "[\(table)]\nrequires = []")
        }
        // Unrelated tables are none of kiln's business.
        #expect(try parse("[tool.black]\nline-length = 100").buildSystem.isDefault)
    }

    @Test func wrongTypesNameTheKeyPath() throws {
        expectError(.wrongType(source: "pkg/pyproject.toml", keyPath: "build-system.requires", expected: "an array", found: "a string"),
                    "[build-system]\nrequires = \"setuptools\"")
        expectError(.wrongType(source: "pkg/pyproject.toml", keyPath: "build-system.requires[1]", expected: "a string", found: "an integer"),
                    "[build-system]\nrequires = [\"a\", 1]")
        expectError(.wrongType(source: "pkg/pyproject.toml", keyPath: "build-system.build-backend", expected: "a string", found: "an array"),
                    "[build-system]\nrequires = []\nbuild-backend = [\"x\"]")
        expectError(.wrongType(source: "pkg/pyproject.toml", keyPath: "build-system.backend-path[0]", expected: "a string", found: "a boolean"),
                    "[build-system]\nrequires = []\nbackend-path = [true]")
        expectError(.wrongType(source: "pkg/pyproject.toml", keyPath: "build-system", expected: "a table", found: "a string"),
                    "build-system = \"setuptools\"")
        let error = try #require(throws: PyProjectError.self) { try parse("[build-system]\nrequires = [\"a\", 1]") }
        #expect(error.description == "pkg/pyproject.toml: build-system.requires[1]: expected a string, found an integer")
    }

    @Test func invalidRequirementNamesTheEntry() throws {
        let error = try #require(throws: PyProjectError.self) { try parse("[build-system]\nrequires = [\"ok\", \"bad >=\"]") }
        guard case .invalidRequirement("pkg/pyproject.toml", "build-system.requires[1]", "bad >=", _) = error else {
            Issue.record("got \(error)")
            return
        }
    }

    @Test func emptyBackend() {
        expectError(.emptyBuildBackend(source: "pkg/pyproject.toml"), "[build-system]\nrequires = []\nbuild-backend = \"  \"")
    }

    /// Written as TOML literal strings, so backslashes arrive as written.
    @Test(arguments: ["/abs", "..", "../sibling", "a/../..", "C:\\backend", "\\\\server\\share"])
    func backendPathMustStayInsideTheProject(_ path: String) {
        expectError(.backendPathOutsideProject(
            source: "pkg/pyproject.toml", keyPath: "build-system.backend-path[0]", path: path),
                    "[build-system]\nrequires = []\nbackend-path = ['\(path)']")
    }

    @Test func malformedTOMLReportsLineAndColumn() throws {
        let error = try #require(throws: PyProjectError.self) { try parse("[build-system]\nrequires = [\"a\",\n= 3\n") }
        guard case .malformedTOML("pkg/pyproject.toml", let line, let column, let message) = error else {
            Issue.record("got \(error)")
            return
        }
        #expect(line == 3)
        #expect(column >= 1)
        #expect(!message.isEmpty)
        #expect(error.description.hasPrefix("pkg/pyproject.toml:3:"))
        let duplicate = try #require(throws: PyProjectError.self) { try parse("[project]\nname = \"a\"\nname = \"b\"") }
        guard case .malformedTOML(_, 3, _, _) = duplicate else { Issue.record("got \(duplicate)"); return }
    }

    @Test func similarity() {
        #expect(KeySuggestion.similarity("requirements", "requires") >= 0.8)
        #expect(KeySuggestion.similarity("tool", "build-system") < 0.8)
        #expect(KeySuggestion.similarity("", "") == 1)
        #expect(KeySuggestion.closest(to: "zzz", among: BuildSystem.knownKeys) == nil)
    }
}
