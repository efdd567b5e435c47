import Foundation
import Testing
import TestSupport

/// `kiln compile` answers from a stored resolution only while its inputs and every page it read
/// are unchanged. To see which answer a run gave, the stored resolution is rewritten to pin a
/// version no index has (with its check line recomputed, so that it is sound): printing that pin
/// means the stored resolution was used; the real pin means it was not.
@Suite(.enabled(if: PyenvInterpreters.isAvailable("3.12") && PyenvInterpreters.isAvailable("3.11"), "needs CPython 3.12 and 3.11 from pyenv"))
struct ResolutionReuseEndToEndTests {
    static let planted = "six==0.0.1+planted"

    struct Rig {
        let index: LoopbackWheelIndex
        let work: TemporaryDirectory
        let python312: String

        init() throws {
            index = try LoopbackWheelIndex([LoopbackWheelIndex.six("1.16.0"), LoopbackWheelIndex.six("1.17.0")])
            work = try TemporaryDirectory("kiln-e2e-reuse")
            python312 = try #require(PyenvInterpreters.path(for: "3.12"))
        }

        var resolutions: String { work.file("cache/resolutions-v1") }

        func compile(_ extra: [String] = [], python: String? = nil, environment: [String: String?] = [:]) throws -> String {
            let result = try KilnBinary.run(
                ["compile", "--python", python ?? python312, "--index-url", index.indexURL, "--cache-dir", work.file("cache")] + extra,
                environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout
        }

        func entries() throws -> [String] {
            guard FileManager.default.fileExists(atPath: resolutions) else { return [] }
            return try FileManager.default.contentsOfDirectory(atPath: resolutions).filter { !$0.hasPrefix(".") }.map { resolutions + "/" + $0 }
        }

        /// Rewrites every stored resolution to pin `planted` instead of six's real version.
        func plant() throws {
            let stored = try entries()
            #expect(!stored.isEmpty, "no stored resolution to plant into")
            for path in stored {
                let text = try String(contentsOfFile: path, encoding: .utf8)
                var rows = text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("check ") }
                rows = rows.map { $0.hasPrefix("line six==") ? "line " + ResolutionReuseEndToEndTests.planted : $0 }
                let body = rows.map { $0 + "\n" }.joined()
                let scratch = work.file("body")
                try body.write(toFile: scratch, atomically: false, encoding: .utf8)
                let digest = try ProcessHelper.run("/usr/bin/sha256sum", [scratch]).stdout.prefix(64)
                try (body + "check \(digest)\n").write(toFile: path, atomically: false, encoding: .utf8)
            }
        }
    }

    @Test func theSameInputsAndPagesAreAnsweredFromTheStoredResolution() async throws {
        let rig = try Rig()
        #expect(try rig.compile(["six"]) == "six==1.17.0\n")
        try rig.plant()
        #expect(try rig.compile(["six"]) == Self.planted + "\n")
        #expect(try rig.compile(["six", "--offline"]) == Self.planted + "\n", "offline, the stored pages hold as they are")
        // Switched off for benchmarking: resolved, and the stored one left alone.
        #expect(try rig.compile(["six"], environment: ["KILN_NO_RESOLUTION_CACHE": "1"]) == "six==1.17.0\n")
        #expect(try rig.compile(["six"]) == Self.planted + "\n")
        // --refresh asks the index about every page: resolved again, and stored again.
        #expect(try rig.compile(["six", "--refresh"]) == "six==1.17.0\n")
        #expect(try rig.compile(["six"]) == "six==1.17.0\n")
    }

    @Test func aChangedRequirementConstraintOptionOrInterpreterIsResolvedAfresh() async throws {
        let rig = try Rig()
        #expect(try rig.compile(["six"]) == "six==1.17.0\n")
        try rig.plant()
        #expect(try rig.compile(["six>=1"]) == "six==1.17.0\n", "requirement")
        let constraints = rig.work.file("constraints.txt")
        try "six<1.17\n".write(toFile: constraints, atomically: false, encoding: .utf8)
        #expect(try rig.compile(["six", "-c", constraints]) == "six==1.16.0\n", "constraint")
        #expect(try rig.compile(["six", "--resolution", "lowest"]) == "six==1.16.0\n", "option")
        #expect(try rig.compile(["six", "--generate-hashes"]).hasPrefix("six==1.17.0 \\\n"), "output form")
        let python311 = try #require(PyenvInterpreters.path(for: "3.11"))
        #expect(try rig.compile(["six"], python: python311) == "six==1.17.0\n", "interpreter")
        // The planted one is still there for the unchanged inputs.
        #expect(try rig.compile(["six"]) == Self.planted + "\n")
    }

    @Test func aChangedPageMakesTheStoredResolutionStale() async throws {
        let rig = try Rig()
        #expect(try rig.compile(["six"]) == "six==1.17.0\n")
        try rig.plant()
        // A new release; another command revalidates six's page (TTL 0), which now lists it.
        let newer = try LoopbackWheelIndex.six("1.18.0").build(in: rig.index.directory.file("files"))
        let digest = try ProcessHelper.run("/usr/bin/sha256sum", [newer]).stdout.prefix(64)
        let page = rig.index.directory.file("simple/six/index.html")
        let html = try String(contentsOfFile: page, encoding: .utf8).replacingOccurrences(
            of: "</body>", with: "<a href=\"../../files/six-1.18.0-py3-none-any.whl#sha256=\(digest)\" data-upload-time=\"2024-01-01T00:00:00Z\">six-1.18.0-py3-none-any.whl</a>\n</body>")
        try html.write(toFile: page, atomically: false, encoding: .utf8)
        #expect(try rig.compile(["six<1.18"], environment: ["KILN_INDEX_TTL": "0"]) == "six==1.17.0\n")
        // The page is fresh again, but not the one the stored resolution read.
        #expect(try rig.compile(["six"]) == "six==1.18.0\n")
    }

    @Test func aStalePageIsNotTrustedOnlineButIsOffline() async throws {
        let rig = try Rig()
        #expect(try rig.compile(["six"]) == "six==1.17.0\n")
        try rig.plant()
        #expect(try rig.compile(["six", "--offline"], environment: ["KILN_INDEX_TTL": "0"]) == Self.planted + "\n")
        #expect(try rig.compile(["six"], environment: ["KILN_INDEX_TTL": "0"]) == "six==1.17.0\n")
    }

    @Test func aCorruptStoredResolutionIsIgnoredAndRewritten() async throws {
        let rig = try Rig()
        #expect(try rig.compile(["six"]) == "six==1.17.0\n")
        try rig.plant()
        let path = try #require(try rig.entries().first)
        let planted = try Data(contentsOf: URL(fileURLWithPath: path))
        for cut in [planted.count / 2, planted.count - 2] {
            try planted.prefix(cut).write(to: URL(fileURLWithPath: path))
            #expect(try rig.compile(["six"]) == "six==1.17.0\n", "cut to \(cut) bytes")
            #expect(try String(contentsOfFile: path, encoding: .utf8).contains("line six==1.17.0\n"), "rewritten after a cut")
            try planted.write(to: URL(fileURLWithPath: path))
        }
        var flipped = planted
        let at = try #require(flipped.range(of: Data("planted".utf8))).lowerBound
        flipped[at] = UInt8(ascii: "P")
        try flipped.write(to: URL(fileURLWithPath: path))
        #expect(try rig.compile(["six"]) == "six==1.17.0\n", "a changed byte")
        #expect(try rig.compile(["six"]) == "six==1.17.0\n")
    }
}
