import Testing
@testable import PackagingModel

/// pypa/packaging's `TestSpecifierSet` vectors (see SpecifierVectors.swift).
@Suite struct SpecifierSetVectorTests {
    @Test(arguments: VersionVectors.sorted)
    func emptySetContainsEverything(_ text: String) throws {
        let set = SpecifierSet(prereleases: true)
        #expect(set.contains(try Version(text)))
        #expect(set.contains(rawVersion: text))
    }

    @Test(arguments: SpecifierVectors.setArbitraryStrings)
    func emptySetKeepsArbitraryStrings(_ policy: Bool?, _ versions: [String], _ expected: [String]) throws {
        let set = try SpecifierSet("", prereleases: policy)
        #expect(set.contains(rawVersion: "foobar"))
        #expect(set.filter(rawVersions: versions) == expected)
    }

    @Test(arguments: SpecifierVectors.setArbitraryOrdering)
    func emptySetOrderingWithArbitraryStrings(_ versions: [String], _ expected: [String]) throws {
        #expect(try SpecifierSet("").filter(rawVersions: versions) == expected)
    }

    @Test(arguments: SpecifierVectors.setPrereleasesExplicit)
    func changingThePrereleasePolicy(
        _ initial: Bool?, _ changed: Bool?, _ version: String, _ initiallyContains: Bool,
        _ finallyContains: Bool, _ text: String
    ) throws {
        var set = try SpecifierSet(text, prereleases: initial)
        #expect(set.contains(rawVersion: version) == initiallyContains)
        #expect(set.contains(try Version(version)) == initiallyContains)
        set.prereleases = changed
        #expect(set.contains(rawVersion: version) == finallyContains)
    }

    @Test(arguments: SpecifierVectors.setInstalled)
    func installedPrereleases(
        _ text: String, _ version: String, _ setPolicy: Bool?, _ callPolicy: Bool?, _ installed: Bool?,
        _ expected: Bool
    ) throws {
        let set = try SpecifierSet(text, prereleases: setPolicy)
        #expect(set.contains(try Version(version), prereleases: callPolicy, installed: installed ?? false) == expected)
    }

    @Test(arguments: SpecifierVectors.setFilter)
    func filter(
        _ text: String, _ setPolicy: Bool?, _ callPolicy: Bool?, _ input: [String], _ expected: [String]
    ) throws {
        let set = try SpecifierSet(text, prereleases: setPolicy)
        let raw = input.map { $0.hasPrefix("V:") ? String($0.dropFirst(2)) : $0 }
        let rawExpected = expected.map { $0.hasPrefix("V:") ? String($0.dropFirst(2)) : $0 }
        #expect(set.filter(rawVersions: raw, prereleases: callPolicy) == rawExpected)
    }

    @Test(arguments: SpecifierVectors.setFilterBridges)
    func filterAcrossExclusionaryBridges(_ text: String, _ policy: Bool?, _ input: [String], _ expected: [String]) throws {
        let set = try SpecifierSet(text)
        #expect(set.filter(rawVersions: input, prereleases: policy) == expected)
        let versions = try input.map { try Version($0) }
        #expect(set.filter(versions, prereleases: policy).map(\.description) == expected)
    }

    @Test(arguments: SpecifierVectors.setContainsBridges)
    func containsAcrossExclusionaryBridges(_ text: String, _ policy: Bool?, _ version: String, _ expected: Bool) throws {
        #expect(try SpecifierSet(text).contains(Version(version), prereleases: policy) == expected)
    }

    @Test(arguments: SpecifierVectors.setRejectsInvalid)
    func rejectsInvalidCandidates(_ text: String, _ candidate: String) throws {
        #expect(!(try SpecifierSet(text, prereleases: true).contains(rawVersion: candidate)))
    }

    @Test(arguments: SpecifierVectors.setPostBoundary)
    func postReleaseBoundary(_ text: String, _ version: String, _ expected: Bool) throws {
        let set = try SpecifierSet(text)
        let parsed = try Version(version)
        #expect(set.contains(parsed, prereleases: true) == expected)
        #expect(set.specifiers.allSatisfy { $0.contains(parsed, prereleases: true) } == expected)
    }

    @Test func filterAtPostReleaseBoundary() throws {
        let set = try SpecifierSet(">1.0,!=1.0.post1")
        #expect(set.filter(rawVersions: ["1.0.post2", "1.0.post3", "1.1"], prereleases: true) == ["1.1"])
    }

    @Test(arguments: SpecifierVectors.setArbitraryContains)
    func arbitraryEquality(_ version: String, _ text: String, _ expected: Bool) throws {
        #expect(try SpecifierSet(text).contains(rawVersion: version) == expected)
    }

    @Test(arguments: SpecifierVectors.setArbitraryNormalization)
    func arbitraryEqualityNormalisation(_ text: String, _ candidate: String, _ expected: Bool) throws {
        #expect(try Candidate(candidate).isContained(in: SpecifierSet(text, prereleases: true)) == expected)
    }

    @Test(arguments: SpecifierVectors.setStrRepr)
    func printedForm(_ text: String, _ expected: String) throws {
        #expect(try SpecifierSet(text).description == expected)
    }

    @Test(arguments: SpecifierVectors.valid + SpecifierVectors.legacy)
    func hashIsStable(_ text: String) throws {
        #expect(try SpecifierSet(text).hashValue == SpecifierSet(text).hashValue)
    }

    @Test(arguments: SpecifierVectors.setCombine)
    func combine(_ left: String, _ right: String, _ expected: String) throws {
        let expectedSet = try SpecifierSet(expected)
        #expect(try SpecifierSet(left) & SpecifierSet(right) == expectedSet)
        #expect(try (SpecifierSet(left, prereleases: true) & SpecifierSet(right)).prereleases == true)
        #expect(try (SpecifierSet(left) & SpecifierSet(right, prereleases: false)).prereleases == false)
    }

    @Test func equalityBetweenTheSpecifierList() throws {
        let sets = try SpecifierVectors.valid.map { try SpecifierSet($0) }
        for (i, left) in sets.enumerated() {
            for (j, right) in sets.enumerated() {
                #expect((left == right) == (i == j), "\(left) vs \(right)")
            }
        }
        #expect(try SpecifierSet("==2.8.0") == SpecifierSet("==2.8"))
    }

    @Test func duplicatesAreRemoved() throws {
        let duplicated = try SpecifierSet(">1.0.0,>1.0")
        let single = try SpecifierSet(">1.0")
        #expect(duplicated == single)
        #expect(duplicated.hashValue == single.hashValue)
        #expect(duplicated.description == single.description)
        #expect(try (SpecifierSet(">=1.0") & SpecifierSet(">=1.0,<5.0")).description == "<5.0,>=1.0")
    }

    @Test(arguments: SpecifierVectors.setLengths)
    func length(_ text: String, _ expected: Int) throws {
        #expect(try SpecifierSet(text).specifiers.count == expected)
    }

    @Test(arguments: SpecifierVectors.setItems)
    func iteration(_ text: String, _ expected: [String]) throws {
        #expect(Set(try SpecifierSet(text).map(\.description)) == Set(expected))
    }

    @Test(arguments: SpecifierVectors.setIgnoresLocal)
    func comparisonIgnoresLocal(_ version: String, _ text: String, _ expected: Bool) throws {
        #expect(try SpecifierSet(text).contains(Version(version)) == expected)
    }

    @Test func compatibleOperatorsCombine() throws {
        let combination = try SpecifierSet("~=1.18.0") & SpecifierSet("~=1.18")
        #expect(!combination.contains(try Version("1.19.5")))
        #expect(combination.contains(try Version("1.18.0")))
    }

    @Test(arguments: SpecifierVectors.setArbitraryIntersection)
    func arbitraryEqualityIntersects(_ first: String, _ second: String, _ versions: [String]) throws {
        let separately = Set(try Specifier(first).filter(rawVersions: versions))
            .intersection(try Specifier(second).filter(rawVersions: versions))
        #expect(Set(try SpecifierSet("\(first),\(second)").filter(rawVersions: versions)) == separately)
    }
}
