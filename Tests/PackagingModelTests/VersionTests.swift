import Testing
@testable import PackagingModel

/// The pypa/packaging version vectors (see VersionVectors.swift) run against `Version`.
@Suite struct VersionVectorTests {
    @Test(arguments: VersionVectors.sorted)
    func validVersionParses(_ text: String) throws {
        let version = try Version(text)
        #expect(try Version(version.description) == version)
    }

    @Test(arguments: VersionVectors.invalid)
    func invalidVersionIsRejected(_ text: String) {
        #expect(throws: VersionParseError.self) { try Version(text) }
    }

    @Test(arguments: VersionVectors.normalized + VersionVectors.strRepr)
    func normalisedForm(_ text: String, _ expected: String) throws {
        #expect(try Version(text).description == expected)
    }

    @Test(arguments: VersionVectors.publicVersions)
    func publicVersion(_ text: String, _ expected: String) throws {
        #expect(try Version(text).publicVersion.description == expected)
    }

    @Test(arguments: VersionVectors.baseVersions)
    func baseVersion(_ text: String, _ expected: String) throws {
        #expect(try Version(text).baseVersion.description == expected)
    }

    @Test(arguments: VersionVectors.epochs)
    func epoch(_ text: String, _ expected: Int) throws {
        #expect(try Version(text).epoch == expected)
    }

    @Test(arguments: VersionVectors.releases)
    func release(_ text: String, _ expected: [Int]) throws {
        #expect(try Version(text).release == expected)
    }

    @Test(arguments: VersionVectors.locals)
    func localLabel(_ text: String, _ expected: String?) throws {
        #expect(try Version(text).localLabel == expected)
    }

    @Test(arguments: VersionVectors.pres)
    func preRelease(_ text: String, _ label: String?, _ number: Int?) throws {
        let pre = try Version(text).pre
        #expect(pre?.kind.label == label)
        #expect(pre?.number == number)
    }

    @Test(arguments: VersionVectors.devs)
    func devRelease(_ text: String, _ expected: Int?) throws {
        #expect(try Version(text).dev == expected)
    }

    @Test(arguments: VersionVectors.posts)
    func postRelease(_ text: String, _ expected: Int?) throws {
        #expect(try Version(text).post == expected)
    }

    @Test(arguments: VersionVectors.isPrerelease)
    func isPrerelease(_ text: String, _ expected: Bool) throws {
        #expect(try Version(text).isPrerelease == expected)
    }

    @Test(arguments: VersionVectors.isDevrelease)
    func isDevrelease(_ text: String, _ expected: Bool) throws {
        #expect(try Version(text).isDevrelease == expected)
    }

    @Test(arguments: VersionVectors.isPostrelease)
    func isPostrelease(_ text: String, _ expected: Bool) throws {
        #expect(try Version(text).isPostrelease == expected)
    }

    /// packaging's `test_comparison_true`/`_false`: every pair of the sorted list, every operator.
    @Test func orderingOfTheSortedList() throws {
        let versions = try VersionVectors.sorted.map { try Version($0) }
        var checked = 0
        for (i, left) in versions.enumerated() {
            for (j, right) in versions.enumerated() {
                #expect((left < right) == (i < j), "\(left) < \(right)")
                #expect((left <= right) == (i <= j), "\(left) <= \(right)")
                #expect((left == right) == (i == j), "\(left) == \(right)")
                #expect((left != right) == (i != j), "\(left) != \(right)")
                #expect((left >= right) == (i >= j), "\(left) >= \(right)")
                #expect((left > right) == (i > j), "\(left) > \(right)")
                checked += 6
            }
        }
        #expect(checked == 6 * versions.count * versions.count)
        #expect(versions.shuffled().sorted() == versions)
    }

    @Test(arguments: VersionVectors.sorted)
    func hashIsStable(_ text: String) throws {
        #expect(try Version(text).hashValue == Version(text).hashValue)
    }
}

@Suite struct VersionEdgeCaseTests {
    /// Plain releases take a shortcut past the grammar: it must read them exactly as the grammar
    /// does (compared through a spelling the shortcut does not take), and leave the rest to it.
    @Test(arguments: ["0", "1.0", "01.002.3", "2026.12.4", "1.2.3.4.5.6", "999999999999999999"])
    func plainReleasesReadAsTheGrammarReadsThem(text: String) throws {
        let shortcut = try Version(text)
        let grammar = try Version("v" + text)
        #expect(shortcut == grammar && shortcut.release == grammar.release && shortcut.description == grammar.description)
        #expect(Version.plainRelease(text.utf8) != nil)
    }

    @Test(arguments: ["", ".", "1.", ".1", "1..2", "1.a", "1 ", "1.0+local", "9999999999999999999"])
    func textsThatAreNotPlainReleasesAreLeftToTheGrammar(text: String) {
        #expect(Version.plainRelease(text.utf8) == nil)
    }

    @Test func numbersTooLargeForTheShortcutStillParseOrFailAsBefore() throws {
        #expect(try Version("9223372036854775807").release == [Int.max])
        #expect(throws: VersionParseError.self) { try Version("9223372036854775808") }
        #expect(throws: VersionParseError.self) { try Version("1..2") }
        #expect(throws: VersionParseError.self) { try Version("1.") }
    }
    @Test func rcAndCAreEqual() throws {
        #expect(try Version("1.0rc1") == Version("1.0c1"))
    }

    @Test func trailingZerosAreEqualAndHashAlike() throws {
        let short = try Version("1.0")
        let long = try Version("1.0.0.0")
        #expect(short == long)
        #expect(short.hashValue == long.hashValue)
        #expect(Set([short, long]).count == 1)
        #expect(short.description == "1.0")
        #expect(long.description == "1.0.0.0")
    }

    @Test func majorMinorMicro() throws {
        let version = try Version("2!1.2.3.4rc1")
        #expect(version.major == 1 && version.minor == 2 && version.micro == 3)
        let short = try Version("7")
        #expect(short.major == 7 && short.minor == 0 && short.micro == 0)
    }

    @Test(arguments: ["1" + String(repeating: "0", count: 29), "1.0a" + String(repeating: "9", count: 30),
                      "1" + String(repeating: "1", count: 5000)])
    func hugeNumbersAreRejectedNotTrapped(_ text: String) {
        #expect(throws: VersionParseError.self) { try Version(text) }
        do {
            _ = try Version(text)
        } catch {
            guard case .numberTooLarge = error else {
                Issue.record("expected numberTooLarge, got \(error)")
                return
            }
        }
    }

    @Test func largestSupportedNumberParses() throws {
        #expect(try Version("\(Int.max)").major == Int.max)
    }

    @Test func hugeLocalNumbersAreSupported() throws {
        let big = try Version("1.0+" + String(repeating: "9", count: 40))
        let bigger = try Version("1.0+1" + String(repeating: "0", count: 40))
        #expect(big < bigger)
    }

    @Test func errorsCarryInputAndReason() {
        do {
            _ = try Version("1.0 a1")
            Issue.record("expected an error")
        } catch {
            #expect(error == .invalidSyntax(input: "1.0 a1", offset: 3, reason: "unexpected ' ' after '1.0'"))
            #expect(error.description.contains("'1.0 a1' is not a valid PEP 440 version"))
        }
        #expect(throws: VersionParseError.empty) { try Version("  ") }
    }

    @Test func componentInitialiserChecksInvariants() throws {
        #expect(throws: VersionParseError.self) { try Version(release: []) }
        #expect(throws: VersionParseError.self) { try Version(release: [1, -1]) }
        #expect(throws: VersionParseError.self) { try Version(release: [1], local: [.text("A")]) }
        let built = try Version(epoch: 1, release: [2, 3, 4], pre: PreRelease(kind: .alpha, number: 5),
                                post: 6, dev: 7, local: [.text("zzz")])
        #expect(built.description == "1!2.3.4a5.post6.dev7+zzz")
        #expect(try Version(built.description) == built)
    }

    @Test func localOrdering() throws {
        // Numeric local segments sort after alphanumeric ones, and a longer label after its prefix.
        let ordered = try ["1.0", "1.0+abc", "1.0+abc.1", "1.0+0", "1.0+1", "1.0+01.a", "1.0+2"].map { try Version($0) }
        #expect(ordered.sorted() == ordered)
    }
}
