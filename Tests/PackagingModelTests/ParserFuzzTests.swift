import Testing
@testable import PackagingModel

/// SplitMix64: a tiny seeded generator, so a failure reproduces from its seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random inputs for every parser: none may crash, and whatever parses must print
/// a form that parses back to an equal value.
@Suite struct ParserFuzzTests {
    static let pieces: [String] = [
        "0", "1", "2", "9", "10", "00", ".", ".", "-", "_", "!", "+", "*", ",", ";", "(", ")", "[", "]",
        "@", " ", "\t", "'", "\"", "\\", "=", "==", "!=", "<", ">", "~=", "===", "<=", ">=", "a", "b", "c",
        "rc", "alpha", "beta", "pre", "preview", "post", "rev", "r", "dev", "v", "V", "x", "local",
        "and", "or", "not", "in", "extra", "python_version", "os_name", "sys_platform",
        "python_full_version", "platform_release", "extras", "é", "\u{130}", "\u{202F}", "\n",
        "99999999999999999999", "name", "Foo.Bar", "https://x/y",
    ]

    /// Valid inputs of each kind, mutated to reach deep into every grammar.
    static let seedGroups: [[String]] = [
        VersionVectors.sorted,
        SpecifierVectors.valid + ["===foobar", "~=1.4.5a4.post3.dev2", ">= 1.0, != 1.3.*, < 2"],
        [
            "requests[security,tests]>=2.8.1,==2.8.*; python_version < \"2.7\"",
            "name @ https://example.com/p.zip ; extra == 'x'", "torch==2.3.0+cu118", "pkg (>=1.0, <2.0)",
        ],
        [
            "python_version >= '3.8' and (sys_platform == 'linux' or os_name != 'nt')",
            "'3.9' > python_version or extra == \"Foo_Bar\"", "\"foo\" in extras",
            "platform_release not in 'x' and implementation_name == \"cpython\"",
        ],
    ]

    static func randomInput(_ generator: inout SeededGenerator) -> String {
        if Bool.random(using: &generator) {
            let count = Int.random(in: 0...12, using: &generator)
            return (0..<count).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
        }
        let group = seedGroups.randomElement(using: &generator) ?? []
        var scalars = Array((group.randomElement(using: &generator) ?? "").unicodeScalars)
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            let index = Int.random(in: 0...scalars.count, using: &generator)
            let piece = Array((pieces.randomElement(using: &generator) ?? "").unicodeScalars)
            switch Int.random(in: 0..<3, using: &generator) {
            case 0:
                scalars.insert(contentsOf: piece, at: index)
            case 1 where index < scalars.count:
                scalars.remove(at: index)
            default:
                if index < scalars.count { scalars[index] = piece.first ?? "x" }
            }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// What one batch of inputs did: how many each parser accepted, and the inputs
    /// whose printed form did not parse back to an equal value.
    struct BatchResult: Sendable {
        var accepted = [0, 0, 0, 0, 0]
        var roundTripFailures: [String] = []
    }

    static func run(batch: Int, count: Int) -> BatchResult {
        var generator = SeededGenerator(seed: 0x6B69_6C6E &+ UInt64(batch))
        var result = BatchResult()
        func check(_ parser: Int, _ input: String, _ roundTrips: Bool) {
            result.accepted[parser] += 1
            if !roundTrips { result.roundTripFailures.append("parser \(parser): \(input)") }
        }
        for _ in 0..<count {
            let input = randomInput(&generator)
            if let version = try? Version(input) {
                let reparsed = try? Version(version.description)
                check(0, input, reparsed == version && reparsed?.description == version.description)
            }
            if let specifier = try? Specifier(input) {
                check(1, input, (try? Specifier(specifier.description)) == specifier)
            }
            if let set = try? SpecifierSet(input) {
                check(2, input, (try? SpecifierSet(set.description)) == set)
            }
            if let requirement = try? Requirement(input) {
                check(3, input, (try? Requirement(requirement.description)) == requirement)
            }
            if let marker = try? Marker(input) {
                check(4, input, (try? Marker(marker.description)) == marker)
            }
        }
        return result
    }

    /// 100,000 inputs in four seeded batches, run in parallel to keep debug builds quick.
    @Test func randomInputsNeverCrashAndRoundTrip() async {
        let batches = 4
        let results = await withTaskGroup(of: BatchResult.self) { group in
            for batch in 0..<batches {
                group.addTask { Self.run(batch: batch, count: 100_000 / batches) }
            }
            var all: [BatchResult] = []
            for await result in group { all.append(result) }
            return all
        }
        let failures = results.flatMap(\.roundTripFailures)
        #expect(failures.isEmpty, "printed forms that do not parse back: \(failures.prefix(10))")
        let accepted = results.reduce(into: [0, 0, 0, 0, 0]) { total, result in
            for index in total.indices { total[index] += result.accepted[index] }
        }
        // The generator must exercise the accepting paths, not only the errors.
        #expect(accepted.allSatisfy { $0 > 100 }, "accepted per parser: \(accepted)")
    }
}
