import Testing
@testable import PackagingModel

/// pypa/packaging's `TestSpecifier` vectors (see SpecifierVectors.swift).
@Suite struct SpecifierVectorTests {
    @Test(arguments: SpecifierVectors.valid + SpecifierVectors.legacy)
    func validSpecifierParses(_ text: String) throws {
        let specifier = try Specifier(text)
        #expect(try Specifier(specifier.description) == specifier)
        #expect(specifier.hashValue == (try Specifier(text)).hashValue)
    }

    @Test(arguments: SpecifierVectors.invalid)
    func invalidSpecifierIsRejected(_ text: String) {
        #expect(throws: SpecifierParseError.self) { try Specifier(text) }
    }

    @Test(arguments: SpecifierVectors.normalizedVersions)
    func everyOperatorAcceptsEverySpelling(_ version: String) throws {
        let operators = version.contains("+") ? ["==", "!="] : ["~=", "==", "!=", "<=", ">=", "<", ">"]
        for op in operators {
            #expect(throws: Never.self) { try Specifier(op + version) }
        }
    }

    @Test(arguments: SpecifierVectors.strRepr)
    func printedForm(_ text: String, _ expected: String) throws {
        #expect(try Specifier(text).description == expected)
    }

    @Test func equalityBetweenTheSpecifierList() throws {
        let specifiers = try SpecifierVectors.valid.map { try Specifier($0) }
        for (i, left) in specifiers.enumerated() {
            for (j, right) in specifiers.enumerated() {
                #expect((left == right) == (i == j), "\(left) vs \(right)")
            }
        }
        #expect(try Specifier("==2.8.0") == Specifier("==2.8"))
        #expect(try Specifier("~=1.18.0") != Specifier("~=1.18"))
        #expect(try Specifier("~=1.18.0").hashValue != Specifier("~=1.18").hashValue)
    }

    @Test(arguments: SpecifierVectors.contains)
    func contains(_ version: String, _ specifierText: String, _ expected: Bool) throws {
        let specifier = try Specifier(specifierText, prereleases: true)
        #expect(specifier.contains(try Version(version)) == expected)
        #expect(specifier.contains(rawVersion: version) == expected)
        let set = try SpecifierSet(specifierText, prereleases: true)
        #expect(set.contains(try Version(version)) == expected)
    }

    @Test(arguments: SpecifierVectors.invalidCandidate + SpecifierVectors.boundaryShortRelease)
    func containsRawCandidate(_ specifierText: String, _ candidate: String, _ expected: Bool) throws {
        #expect(try Specifier(specifierText, prereleases: true).contains(rawVersion: candidate) == expected)
    }

    @Test(arguments: SpecifierVectors.prereleasesSet)
    func changingThePrereleasePolicy(
        _ text: String, _ initial: Bool?, _ changed: Bool?, _ version: String,
        _ initiallyContains: Bool, _ finallyContains: Bool
    ) throws {
        var specifier = try Specifier(text, prereleases: initial)
        #expect(specifier.contains(rawVersion: version) == initiallyContains)
        specifier.prereleases = changed
        #expect(specifier.contains(rawVersion: version) == finallyContains)
    }

    @Test(arguments: SpecifierVectors.arbitraryEquality)
    func arbitraryEquality(_ version: String, _ specifierText: String, _ expected: Bool) throws {
        #expect(try Specifier(specifierText).contains(rawVersion: version) == expected)
    }

    @Test(arguments: SpecifierVectors.arbitraryEqualityNormalization)
    func arbitraryEqualityNormalisation(_ specifierText: String, _ candidate: String, _ expected: Bool) throws {
        let specifier = try Specifier(specifierText, prereleases: true)
        #expect(try Candidate(candidate).isContained(in: specifier) == expected)
    }

    @Test(arguments: SpecifierVectors.prereleaseDetection)
    func namesPrerelease(_ text: String, _ expected: Bool) throws {
        #expect(try Specifier(text).namesPrerelease == expected)
    }

    @Test(arguments: SpecifierVectors.prereleases)
    func prereleasePolicy(
        _ text: String, _ version: String, _ specifierPolicy: Bool?, _ callPolicy: Bool?, _ expected: Bool
    ) throws {
        let specifier = try Specifier(text, prereleases: specifierPolicy)
        #expect(specifier.contains(try Version(version), prereleases: callPolicy) == expected)
    }

    @Test(arguments: SpecifierVectors.filter)
    func filter(
        _ text: String, _ specifierPolicy: Bool?, _ callPolicy: Bool?, _ input: [String], _ expected: [String]
    ) throws {
        let specifier = try Specifier(text, prereleases: specifierPolicy)
        #expect(specifier.filter(rawVersions: input, prereleases: callPolicy) == expected)
    }

    @Test(arguments: SpecifierVectors.filterArbitraryNormalization)
    func filterArbitraryNormalisation(_ text: String, _ input: [String], _ expected: [String]) throws {
        let specifier = try Specifier(text, prereleases: true)
        let kept = try input.filter { try Candidate($0).isContained(in: specifier) }
        #expect(kept == expected)
    }

    @Test(arguments: SpecifierVectors.operators)
    func operatorProperty(_ text: String, _ expected: String) throws {
        #expect(try Specifier(text).operator.rawValue == expected)
    }

    @Test(arguments: SpecifierVectors.versions)
    func versionProperty(_ text: String, _ expected: String) throws {
        let specifier = try Specifier(text)
        #expect(specifier.description.dropFirst(specifier.operator.rawValue.count) == expected)
    }
}
