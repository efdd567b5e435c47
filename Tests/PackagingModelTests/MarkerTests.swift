import Testing
@testable import PackagingModel

/// pypa/packaging's marker vectors (see MarkerVectors.swift).
@Suite struct MarkerVectorTests {
    /// The generating interpreter's environment with the case's overrides applied;
    /// an `extra` override becomes the one requested extra.
    static func environment(_ overrides: [String: String]) throws -> (MarkerEnvironment, Set<ExtraName>) {
        let values = MarkerVectors.defaultEnvironment.merging(overrides) { $1 }
        func value(_ key: String) -> String { values[key] ?? "" }
        let environment = MarkerEnvironment(
            implementationName: value("implementation_name"),
            implementationVersion: value("implementation_version"),
            osName: value("os_name"),
            platformMachine: value("platform_machine"),
            platformPythonImplementation: value("platform_python_implementation"),
            platformRelease: value("platform_release"),
            platformSystem: value("platform_system"),
            platformVersion: value("platform_version"),
            pythonFullVersion: value("python_full_version"),
            pythonVersion: value("python_version"),
            sysPlatform: value("sys_platform")
        )
        let extra = overrides["extra"] ?? ""
        return (environment, extra.isEmpty ? [] : [try ExtraName(extra)])
    }

    @Test(arguments: MarkerVectors.validMarkers)
    func validMarkerParses(_ text: String) throws {
        let marker = try Marker(text)
        #expect(try Marker(marker.description) == marker)
    }

    @Test(arguments: MarkerVectors.invalidMarkers)
    func invalidMarkerIsRejected(_ text: String) {
        #expect(throws: MarkerParseError.self) { try Marker(text) }
    }

    @Test(arguments: MarkerVectors.trailingWhitespace)
    func trailingWhitespaceIsAllowed(_ whitespace: String) throws {
        #expect(try Marker("python_version >= \"3\"" + whitespace) == Marker("python_version >= \"3\""))
    }

    @Test(arguments: MarkerVectors.malformedQuotedStrings)
    func malformedQuotedString(_ text: String, _ message: String) {
        do {
            _ = try Marker(text)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test(arguments: MarkerVectors.canonical)
    func canonicalForm(_ text: String, _ expected: String) throws {
        let marker = try Marker(text)
        #expect(marker.description == expected)
        #expect(marker == (try Marker(expected)))
        #expect(marker.hashValue == (try Marker(expected)).hashValue)
    }

    @Test(arguments: MarkerVectors.different)
    func differentMarkersDiffer(_ first: String, _ second: String) throws {
        #expect(try Marker(first) != Marker(second))
        #expect(try Marker(first).hashValue != Marker(second).hashValue)
    }

    @Test(arguments: MarkerVectors.evaluations)
    func evaluation(_ text: String, _ overrides: [String: String], _ expected: Bool) throws {
        let (environment, extras) = try Self.environment(overrides)
        #expect(try Marker(text).evaluate(environment, extras: extras) == expected)
    }

    @Test(arguments: MarkerVectors.membership, ["extras", "dependency_groups"])
    func membershipInNameSets(_ template: (String, Bool), _ variable: String) throws {
        let marker = try Marker(template.0.replacingAll("{", with: "").replacingAll("}", with: "")
            .replacingZero(with: variable))
        let (environment, _) = try Self.environment([:])
        let names: Set<ExtraName> = [try ExtraName("foo"), try ExtraName("bar")]
        let result = variable == "extras" ? marker.evaluate(environment, extras: names)
            : marker.evaluate(environment, dependencyGroups: names)
        #expect(result == template.1)
    }
}

extension String {
    /// The membership templates write the variable as `{0}`.
    fileprivate func replacingZero(with variable: String) -> String {
        split(separator: "0", omittingEmptySubsequences: false).joined(separator: variable)
    }
}

@Suite struct MarkerBehaviourTests {
    let linux = try? MarkerVectorTests.environment([:]).0

    @Test func extraLiteralsAreNormalised() throws {
        #expect(try Marker("'S_P__A_M' == extra").description == "\"s-p-a-m\" == extra")
        #expect(try Marker("extra == 'S_P__A_M'").description == "extra == \"s-p-a-m\"")
        #expect(try Marker("extra == os_name").description == "extra == os_name")
        #expect(try Marker("\"S_P__A_M\" in extras") == Marker("\"s-p-a-m\" in extras"))
        #expect(try Marker("\"Foo_Bar\" not in dependency_groups").description == "\"foo-bar\" not in dependency_groups")
    }

    @Test func extrasUseSetSemantics() throws {
        let environment = try #require(linux)
        let marker = try Marker("extra == 'security' and python_version >= '3'")
        #expect(marker.evaluate(environment, extras: [try ExtraName("Security")]))
        #expect(!marker.evaluate(environment))
        #expect(try Marker("extra != 'docs'").evaluate(environment, extras: [try ExtraName("tests")]))
        #expect(try !Marker("extra != 'docs'").evaluate(environment, extras: [try ExtraName("docs")]))
    }

    @Test func reversedVersionComparison() throws {
        let environment = try #require(linux)  // python_version 3.11
        #expect(try Marker("'3.9' < python_version").evaluate(environment))
        #expect(try !Marker("'3.9' > python_version").evaluate(environment))
        #expect(try Marker("python_version > '3.9'").evaluate(environment))
        #expect(try Marker("python_full_version >= '3.11.7'").evaluate(environment))
        #expect(try !Marker("python_version < '3.9'").evaluate(environment))
    }

    @Test func stringComparisonRules() throws {
        let environment = try #require(linux)
        #expect(try Marker("'linux' in sys_platform").evaluate(environment))
        #expect(try Marker("'inu' in sys_platform").evaluate(environment))
        #expect(try !Marker("'win' in sys_platform").evaluate(environment))
        #expect(try Marker("sys_platform not in 'win32 cygwin'").evaluate(environment))
        // Ordering non-version strings is always false; `~=` on them is undefined (false).
        #expect(try !Marker("os_name < 'z'").evaluate(environment))
        #expect(try !Marker("os_name ~= 'posix'").evaluate(environment))
        #expect(try Marker("os_name <= 'posix'").evaluate(environment))
    }

    @Test func combiningMarkersKeepsGrouping() throws {
        let a = try Marker("python_version >= \"3.6\"")
        let b = try Marker("os_name == \"posix\"")
        let c = try Marker("platform_system == \"Linux\"")
        #expect(a.and(b) == (try Marker("python_version >= \"3.6\" and os_name == \"posix\"")))
        #expect(a.and(b).and(c).description
            == "(python_version >= \"3.6\" and os_name == \"posix\") and platform_system == \"Linux\"")
        #expect(a.or(b).description == "python_version >= \"3.6\" or os_name == \"posix\"")
        let nested = try Marker("python_version < \"3.10\" and ((sys_platform == \"linux\" or sys_platform == \"darwin\"))")
        #expect(nested.description == "python_version < \"3.10\" and (sys_platform == \"linux\" or sys_platform == \"darwin\")")
    }

    @Test func printedValuesReadBack() throws {
        for text in [#"os_name == "a\\nb""#, #"os_name == "\x27\x22""#, #"os_name == 'say "hi"'"#] {
            let marker = try Marker(text)
            #expect(try Marker(marker.description) == marker, "\(text) printed as \(marker)")
        }
    }

    @Test(arguments: [
        ("python_version", "Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in", 14),
        ("os_name == 'a' and", "Expected a marker variable or quoted string", 18),
        ("(os_name == 'a'", "Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression", 15),
        ("os_name == 'a' xor", "Expected end of marker expression", 15),
        ("'a' not os_name", "Expected 'in' after 'not'", 8),
    ])
    func errorsCarryTheColumn(_ text: String, _ reason: String, _ column: Int) {
        do {
            _ = try Marker(text)
            Issue.record("expected an error for \(text)")
        } catch {
            guard case .syntax(let syntax) = error else { return }
            #expect(syntax.reason == reason)
            #expect(syntax.column == column)
        }
    }
}
