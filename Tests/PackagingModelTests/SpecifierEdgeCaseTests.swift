import Testing
@testable import PackagingModel

/// kiln's own cases: the local-version rules that bit real users, `===`, and errors.
@Suite struct SpecifierEdgeCaseTests {
    @Test func torchPinMatchesLocalBuilds() throws {
        // Known failure mode 5: `torch==2.3.0` must accept the CUDA build `2.3.0+cu118`.
        let pin = try SpecifierSet("==2.3.0")
        #expect(pin.contains(try Version("2.3.0+cu118")))
        #expect(pin.contains(try Version("2.3+cu121")))
        #expect(!pin.contains(try Version("2.3.1+cu118")))
        #expect(try Specifier("!=2.3.0").contains(Version("2.3.0+cu118")) == false)
    }

    @Test func localPinMatchesOnlyThatBuild() throws {
        let pin = try Specifier("==2.3.0+cu118")
        #expect(pin.contains(try Version("2.3.0+cu118")))
        #expect(pin.contains(try Version("2.3+CU118")))
        #expect(!pin.contains(try Version("2.3.0")))
        #expect(!pin.contains(try Version("2.3.0+cu121")))
        #expect(!pin.contains(try Version("2.3.0+cu118.1")))
        #expect(try Specifier("!=2.3.0+cu118").contains(Version("2.3.0+cu121")))
    }

    @Test func orderedComparisonsIgnoreCandidateLocalLabels() throws {
        #expect(try Specifier("<=2.3.0").contains(Version("2.3.0+cu118")))
        #expect(try Specifier(">=2.3.0").contains(Version("2.3.0+cu118")))
        #expect(try !Specifier(">2.3.0").contains(Version("2.3.0+cu118")))
        #expect(try !Specifier("<2.3.0").contains(Version("2.3.0+cu118")))
        #expect(try Specifier("~=2.3.0").contains(Version("2.3.5+cu118")))
    }

    @Test func exclusiveComparisonsSkipPreAndPostReleasesOfTheNamedVersion() throws {
        #expect(try !Specifier("<2.0").contains(Version("2.0rc1")))
        #expect(try Specifier("<2.0").contains(Version("1.9rc1")))
        #expect(try !Specifier(">2.0").contains(Version("2.0.post1")))
        #expect(try Specifier(">2.0").contains(Version("2.0.1")))
        #expect(try Specifier(">2.0.post1").contains(Version("2.0.post2")))
        #expect(try Specifier("<2.0rc1").contains(Version("2.0b1")))
    }

    @Test func arbitraryEqualityComparesStrings() throws {
        let specifier = try Specifier("===1.0")
        #expect(specifier.arbitraryText == "1.0")
        #expect(specifier.version == nil)
        #expect(specifier.contains(rawVersion: "1.0"))
        #expect(!specifier.contains(rawVersion: "1.0.0"))
        #expect(!specifier.contains(rawVersion: "1.0+local"))
        #expect(try Specifier("===foo-bar").contains(rawVersion: "FOO-BAR"))
        #expect(try Specifier("===foo-bar").description == "===foo-bar")
    }

    @Test func compatibleReleaseNeedsTwoSegments() {
        #expect(throws: SpecifierParseError.compatibleNeedsTwoSegments(input: "~=1")) { try Specifier("~=1") }
    }

    @Test(arguments: [
        ("", SpecifierParseError.empty),
        ("1.0", .missingOperator(input: "1.0")),
        (">=", .invalidVersion(input: ">=", reason: "expected a version after '>='")),
        (">=1.0.*", .wildcardNotAllowed(input: ">=1.0.*", operator: ">=")),
        ("==1.0a1.*", .wildcardAfterSuffix(input: "==1.0a1.*")),
        ("<1.0+local", .localNotAllowed(input: "<1.0+local", operator: "<")),
        (">=1.0 garbage", .invalidVersion(input: ">=1.0 garbage", reason: "unexpected ' garbage' after version '1.0'")),
    ])
    func errorsSayWhatIsWrong(_ text: String, _ expected: SpecifierParseError) {
        #expect(throws: expected) { try Specifier(text) }
    }

    @Test func hugeNumbersAreRejectedWithAClearError() {
        let digits = String(repeating: "9", count: 30)
        #expect(throws: SpecifierParseError.numberTooLarge(input: ">=" + digits, digits: digits)) {
            try Specifier(">=" + digits)
        }
    }

    @Test func printsNormalisedForms() throws {
        #expect(try Specifier(">= v1.0DEV").description == ">=1.0.dev0")
        #expect(try Specifier("== 01.2.*").description == "==1.2.*")
        #expect(try SpecifierSet(" <2 , >=1.0-1 ,").description == "<2,>=1.0.post1")
        #expect(try SpecifierSet("").description == "")
    }

    @Test func setsNamePrereleasesForResolvers() throws {
        #expect(try SpecifierSet(">=1.0,<2.0b1").namesPrerelease)
        #expect(try !SpecifierSet(">=1.0,!=2.0b1").namesPrerelease)
        #expect(try !SpecifierSet("==1.*").namesPrerelease)
    }

    @Test func filterPrefersFinalReleases() throws {
        let set = try SpecifierSet(">=1.0")
        let versions = try ["0.9", "1.0", "1.1a1", "1.2"].map { try Version($0) }
        #expect(set.filter(versions).map(\.description) == ["1.0", "1.2"])
        #expect(set.filter(versions, prereleases: true).map(\.description) == ["1.0", "1.1a1", "1.2"])
        let onlyPre = try ["1.1a1", "1.1b1"].map { try Version($0) }
        #expect(set.filter(onlyPre).count == 2)
        struct File { let version: Version }
        #expect(set.filter(versions.map(File.init), version: \.version).count == 2)
    }
}
