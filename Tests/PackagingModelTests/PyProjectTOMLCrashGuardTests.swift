import Testing
@testable import PackagingModel

/// Invalid TOML that makes toml++ (inside TOMLKit) abort must come back as a typed error,
/// and valid TOML must never be flagged by the guard.
@Suite struct PyProjectTOMLCrashGuardTests {
    @Test(arguments: [
        ("[é]", 1, 2), ("[[é]]", 1, 3), ("[=a]", 1, 2), ("[ é", 1, 3), ("[\n", 1, 2), ("[[[a]]]", 1, 3),
        ("x = 1\n\n  [+]", 3, 4), ("a = [}]", 1, 6), ("a = [\n  1,\n  }\n]", 3, 3), ("a = [{b = [}]}]", 1, 12),
    ])
    func crashingInputIsAnError(_ text: String, _ line: Int, _ column: Int) throws {
        let finding = try #require(TOMLCrashGuard.firstCrashingConstruct(in: text))
        #expect(finding.line == line)
        #expect(finding.column == column)
        #expect(throws: PyProjectError.malformedTOML(source: "pyproject.toml", line: line, column: column, message: finding.message)) {
            try PyProject(text: text)
        }
    }

    @Test(arguments: [
        "[build-system]\nrequires = [\"a\"]",
        "[[tool.x]]\nname = 1\n[ tool.y ]\n[\"quoted key\"]\n['literal key']\n[a.\"b.c\".d]",
        // `[` at the start of a line inside arrays, multi-line strings and after comments.
        "a = [\n  [1, 2],\n  [ {b = 1} ],\n  [\"x\"],\n]",
        "d = \"\"\"\n[é]\n}\n\"\"\"\ne = '''\n[=]\n'''",
        "# [é]\nf = \"[=\" # a = [}]\ng = \"it's [é]\"",
        "h = \"escaped \\\" [é]\"\ni = \"\"\"line \\\n[=]\"\"\"",
        "j = { k = [1, {l = 2}], m = \"}\" }",
        "n = [\n# }\n]",
        "",
    ])
    func validTOMLPasses(_ text: String) throws {
        #expect(TOMLCrashGuard.firstCrashingConstruct(in: text) == nil)
        _ = try PyProject(text: text)
    }
}
