/// A pyproject.toml, read for what kiln needs from it: how to build the project
/// (`[build-system]`), what it is and depends on (`[project]`), and its dependency groups.
///
/// Other tables (`[tool.*]`, ...) are ignored. Parsing checks types and values and throws a
/// `PyProjectError` that names the file and the key path of the first problem.
public struct PyProject: Sendable, Equatable {
    /// `[build-system]`, or PEP 517's default when the file has none.
    public let buildSystem: BuildSystem
    /// `[project]`, nil when the file has none (a setup.py project with only `[build-system]`).
    public let project: ProjectTable?
    /// `[dependency-groups]`, empty when the file has none.
    public let dependencyGroups: DependencyGroups

    /// Parses the text of a pyproject.toml; `source` names it in errors.
    public init(text: String, source: String = "pyproject.toml") throws(PyProjectError) {
        let document: [(key: String, value: TOMLValue)]
        do {
            document = try TOMLDocument.parse(text)
        } catch {
            throw .malformedTOML(source: source, line: error.line, column: error.column, message: error.message)
        }
        let root = TOMLTableCursor(entries: document, path: [], source: source)

        if let table = root["build-system"] {
            buildSystem = try BuildSystem.parse(table.table())
        } else {
            // Silently falling back to setuptools would hide the mistake until the build fails.
            if let misspelled = root.keys.first(where: {
                KeySuggestion.similarity($0, "build-system") >= KeySuggestion.threshold
            }) {
                throw .misspelledTable(source: source, found: misspelled, expected: "build-system")
            }
            buildSystem = try BuildSystem.parse(nil)
        }

        project = try root["project"].map { cursor throws(PyProjectError) in try ProjectTable.parse(cursor.table()) }
        dependencyGroups = try root["dependency-groups"].map { cursor throws(PyProjectError) in
            try DependencyGroups.parse(cursor.table())
        } ?? .empty
    }
}
