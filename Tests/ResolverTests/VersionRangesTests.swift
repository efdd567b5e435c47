import PackagingModel
import Resolver
import Testing

@Suite struct VersionRangesTests {
    private func ranges(_ text: String) throws -> VersionRanges { VersionRanges(try SpecifierSet(text)) }
    private func version(_ text: String) throws -> Version { try Version(text) }

    @Test func localVersionsMatchEqualityWithoutLabel() throws {
        let pin = try ranges("==2.3.0")
        #expect(pin.contains(try version("2.3.0+cu118")))
        #expect(pin.contains(try version("2.3")))
        #expect(!pin.contains(try version("2.3.0.post1")))
        #expect(try ranges("==2.3.0+cpu").contains(try version("2.3.0+cpu")))
        #expect(!(try ranges("==2.3.0+cpu")).contains(try version("2.3.0+cu118")))
        #expect(try ranges("<=2.0").contains(try version("2.0+local")))
    }

    @Test func exclusiveBoundsFollowPEP440() throws {
        #expect(!(try ranges("<2.0")).contains(try version("2.0rc1")))
        #expect(try ranges("<2.0rc2").contains(try version("2.0rc1")))
        #expect(!(try ranges(">1.0")).contains(try version("1.0.post1")))
        #expect(!(try ranges(">1.0")).contains(try version("1.0+local")))
        #expect(try ranges(">1.0").contains(try version("1.0.0.1")))
        #expect(try ranges(">1.0.post1").contains(try version("1.0.post2")))
        #expect(!(try ranges(">1.0.post1")).contains(try version("1.0.post1+local")))
    }

    @Test func prefixAndCompatibleOperators() throws {
        let prefix = try ranges("==1.*")
        #expect(prefix.contains(try version("1.0a1")))
        #expect(prefix.contains(try version("1.99.post3")))
        #expect(!prefix.contains(try version("2.0.dev0")))
        #expect(!(try ranges("!=1.*")).contains(try version("1.5")))
        #expect(try ranges("~=1.4.2").contains(try version("1.4.9")))
        #expect(!(try ranges("~=1.4.2")).contains(try version("1.5")))
    }

    @Test func setAlgebra() throws {
        let low = try ranges("<2")
        let high = try ranges(">=1.5")
        #expect(low.union(high).isFull)
        #expect(low.intersection(high) == (try ranges(">=1.5,<2")))
        #expect(low.complement == (try ranges(">=2.dev0")))
        #expect(try ranges(">=1.6,<1.8").isSubset(of: low.intersection(high)))
        #expect(low.isDisjoint(with: try ranges(">=3")))
        #expect(VersionRanges.empty.complement.isFull)
    }

    @Test func printsAsSpecifiers() throws {
        #expect(try ranges(">=1.0,<2").description == ">=1.0,<2")
        #expect(try ranges("==1.2.*").description == "==1.2.*")
        #expect(try ranges("!=1.5").description == "!=1.5")
        #expect(try ranges("==2.3.0").description == "==2.3.0")
        #expect(try ranges("<1 || >=2".replacingOccurrences(of: "||", with: ",")).description == "∅")
        #expect(try ranges("~=1.4.2").description == ">=1.4.2,<1.5")
    }

    /// Every operator, against the specifier's own matching, on a grid of versions.
    @Test func agreesWithSpecifierMatching() throws {
        let versions = try [
            "0.9", "1.0.dev0", "1.0a1", "1.0a1.post1", "1.0b2.dev1", "1.0rc1", "1.0", "1.0+local", "1.0+abc.5",
            "1.0.post1.dev2", "1.0.post1", "1.0.post1+x", "1.0.0.1", "1.0.1", "1.1", "1.1.post2", "1.4.2", "1.4.2+l",
            "1.4.9", "1.5.dev0", "1.5", "2.0.dev1", "2.0a1", "2.0", "2.0+cu118", "2.3.0+cpu", "1!0.5", "10",
        ].map(Version.init)
        var rng = SplitMix64(seed: 42)
        let operators = ["==", "!=", "<=", ">=", "<", ">", "~="]
        for _ in 0..<400 {
            let op = operators[Int(rng.next() % UInt64(operators.count))]
            var operand = versions[Int(rng.next() % UInt64(versions.count))].description
            if op != "==" && op != "!=" { operand = operand.split(separator: "+")[0].description }
            if op == "~=" && !operand.contains(".") { operand += ".0" }
            if (op == "==" || op == "!=") && rng.next() % 4 == 0, !operand.contains("+"),
               let base = try? Version(operand) {
                operand = base.release.dropLast().map(String.init).joined(separator: ".")
                if operand.isEmpty { operand = "\(base.release[0])" }
                operand += ".*"
            }
            guard let specifier = try? Specifier(op + operand) else { continue }
            let set = VersionRanges(specifier)
            for candidate in versions {
                #expect(set.contains(candidate) == specifier.matches(candidate), "\(specifier) vs \(candidate)")
            }
        }
    }
}

/// A small seeded generator, so randomized tests repeat exactly.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
