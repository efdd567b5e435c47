import Testing
@testable import PackagingModel

/// pypa/packaging's requirement vectors (see RequirementVectors.swift).
@Suite struct RequirementVectorTests {
    private static func filled(_ template: String, _ whitespace: String) -> String {
        template.split(separator: "{ws}", omittingEmptySubsequences: false).joined(separator: whitespace)
    }

    /// `test_basic_valid_requirement_parsing`: the product of names, extras,
    /// URLs/specifiers, markers and whitespace, assembled as the Python test does.
    @Test func basicValidRequirements() throws {
        var checked = 0
        for name in RequirementVectors.names {
            for extras in RequirementVectors.extraSets {
                for (url, specifier) in RequirementVectors.urlsAndSpecifiers {
                    for marker in RequirementVectors.markers {
                        for whitespace in RequirementVectors.whitespaces {
                            var parts = [name]
                            if !extras.isEmpty {
                                parts += ["[", extras.joined(separator: "\(whitespace),\(whitespace)"), "]"]
                            }
                            if !specifier.isEmpty { parts.append(Self.filled(specifier, whitespace)) }
                            if let url { parts += ["@", Self.filled(url, whitespace)] }
                            if let marker {
                                parts.append(url == nil ? ";" : " ;")
                                parts.append(Self.filled(marker, whitespace))
                            }
                            let text = parts.joined(separator: whitespace)
                            let requirement = try Requirement(text)
                            #expect(requirement.name.original == name)
                            #expect(Set(requirement.extras.map(\.original)) == Set(extras))
                            #expect(requirement.url == url)
                            var bare = Self.filled(specifier, "")
                            if bare.hasPrefix("("), bare.hasSuffix(")") { bare = String(bare.dropFirst().dropLast()) }
                            #expect(requirement.specifier == (try SpecifierSet(bare)), "\(text)")
                            #expect(requirement.marker == (try marker.map { try Marker(Self.filled($0, "")) }))
                            #expect(try Requirement(requirement.description) == requirement, "\(text)")
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked == 6 * 4 * 18 * 4 * 3)
    }

    @Test(arguments: RequirementVectors.normalized)
    func normalisedExtraInMarker(_ text: String, _ expected: String) throws {
        #expect(try Requirement(text).description == expected)
    }

    @Test func markerWithEmbeddedDoubleQuoteRoundTrips() throws {
        let text = "demo; 'a\" == os_name or python_version >= \"0\" or \"b' == os_name"
        let requirement = try Requirement(text)
        #expect(requirement.description == text)
        #expect(try Requirement(requirement.description) == requirement)
    }

    @Test(arguments: RequirementVectors.validMarkers)
    func validMarker(_ marker: String) {
        #expect(throws: Never.self) { try Requirement("name; " + marker) }
    }

    @Test(arguments: RequirementVectors.fileURLs)
    func fileURL(_ url: String) throws {
        #expect(try Requirement("name @ " + url).url == url)
    }

    @Test(arguments: RequirementVectors.trailingWhitespace)
    func trailingWhitespace(_ whitespace: String) throws {
        #expect(try Requirement("name>=1" + whitespace) == Requirement("name>=1"))
    }

    @Test func emptyExtrasAndSpecifier() throws {
        #expect(try Requirement("name[]").extras.isEmpty)
        #expect(try Requirement("name()").specifier.isEmpty)
    }

    @Test(arguments: RequirementVectors.syntaxErrors)
    func syntaxError(_ text: String, _ message: String) {
        do {
            let requirement = try Requirement(text)
            Issue.record("expected an error, parsed \(requirement)")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func specifierSetRejectsASpecifierTheGrammarAccepted() {
        #expect(throws: RequirementParseError.invalidSpecifier(input: "demo===x,y", .missingOperator(input: "y"))) {
            try Requirement("demo===x,y")
        }
    }

    @Test(arguments: RequirementVectors.strAndRepr)
    func printedForm(_ urlOrSpecifier: String, _ extras: String, _ marker: String) throws {
        let text = "name\(extras)\(urlOrSpecifier)\(marker)"
        #expect(try Requirement(text).description == text.trimmingPythonWhitespace)
    }

    @Test(arguments: RequirementVectors.equal + RequirementVectors.equivalent)
    func equalRequirementsHashAlike(_ first: String, _ second: String) throws {
        #expect(try Requirement(first) == Requirement(second))
        #expect(try Requirement(first).hashValue == Requirement(second).hashValue)
    }

    @Test(arguments: RequirementVectors.different)
    func differentRequirementsDiffer(_ first: String, _ second: String) throws {
        #expect(try Requirement(first) != Requirement(second))
        #expect(try Requirement(first).hashValue != Requirement(second).hashValue)
    }

    @Test(arguments: RequirementVectors.pickleRoundTrip)
    func roundTripThroughPrintedForm(_ text: String) throws {
        let requirement = try Requirement(text)
        #expect(try Requirement(requirement.description) == requirement)
    }
}

@Suite struct RequirementBehaviourTests {
    @Test func partsAreTyped() throws {
        let requirement = try Requirement("foobar[quux]<2,>=3; os_name=='a'")
        #expect(requirement.name == (try PackageName("FooBar")))
        #expect(requirement.extras == [try ExtraName("quux")])
        #expect(requirement.specifier.description == "<2,>=3")
        #expect(requirement.marker?.description == "os_name == \"a\"")
        #expect(requirement.url == nil)
        #expect(requirement.description == "foobar[quux]<2,>=3; os_name == \"a\"")
        let direct = try Requirement("foobar @ http://foo.com")
        #expect(direct.source == .url("http://foo.com"))
        #expect(direct.specifier.isEmpty)
    }

    @Test func localVersionPin() throws {
        let requirement = try Requirement("torch==2.3.0")
        #expect(requirement.specifier.contains(try Version("2.3.0+cu118")))
    }

    @Test(arguments: [
        ("name >= 1.0 <= 2.0", 5, 12),
        ("name[bar baz]", 9, 9),
        ("", 0, 0),
    ])
    func errorsCarryTheColumn(_ text: String, _ start: Int, _ column: Int) {
        do {
            _ = try Requirement(text)
            Issue.record("expected an error")
        } catch {
            guard case .syntax(let syntax) = error else {
                Issue.record("expected a syntax error, got \(error)")
                return
            }
            #expect(syntax.span.lowerBound == start)
            #expect(syntax.column == column)
        }
    }

    @Test func invalidNamesAreReported() {
        #expect(throws: RequirementParseError.invalidName(input: "foo_", .invalid(kind: "package name", name: "foo_"))) {
            try Requirement("foo_")
        }
    }
}
