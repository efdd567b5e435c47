import Testing
@testable import PackagingModel

/// Random input must give a value or a typed error, never a crash. Seeded, so a failure
/// reproduces.
@Suite struct FilenameMetadataFuzzTests {
    /// SplitMix64: small, deterministic, good enough to pick characters.
    private struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Characters that matter to these parsers, plus some that should never appear.
    private static let alphabet: [Character] = Array("ab1209.-_+!whlztargzip:\n\r\t |=<>;\"'[]{}#é\u{0}")

    private static func randomStrings(count: Int, seed: UInt64, maxLength: Int) -> [String] {
        var generator = SeededGenerator(state: seed)
        return (0..<count).map { _ in
            let length = Int.random(in: 0...maxLength, using: &generator)
            return String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
        }
    }

    @Test func filenamesNeverCrash() {
        var parsed = 0
        for text in Self.randomStrings(count: 10_000, seed: 1, maxLength: 30) {
            if (try? WheelFilename(text + ".whl")) != nil { parsed += 1 }
            if (try? WheelFilename("a-1-" + text + "-none-any.whl")) != nil { parsed += 1 }
            if (try? SdistFilename(text + ".tar.gz")) != nil { parsed += 1 }
            if (try? SdistFilename("a-" + text + ".zip", packageName: try? PackageName("a"))) != nil { parsed += 1 }
        }
        #expect(parsed > 0)
    }

    @Test func metadataNeverCrashes() {
        for text in Self.randomStrings(count: 5_000, seed: 2, maxLength: 80) {
            _ = MetadataHeaders(text: text)
            _ = try? CoreMetadata(parsing: "Metadata-Version: 2.1\nName: a\nVersion: 1\n" + text, source: "fuzz")
            _ = MetadataHeaders(bytes: Array(text.utf8) + [0xFF, 0xC0])
        }
    }

    @Test func pyprojectNeverCrashes() {
        let prefixes = ["[build-system]\nrequires = ", "[project]\nname = ", "[dependency-groups]\na = ", ""]
        for (index, text) in Self.randomStrings(count: 2_000, seed: 3, maxLength: 40).enumerated() {
            _ = try? PyProject(text: prefixes[index % prefixes.count] + text)
        }
    }
}
