import Foundation
@testable import Install
import Testing
import TestSupport

/// Issue 4, item 7: each hostile wheel is refused with an error naming the problem, and nothing
/// is written — not into the environment, and no unpacked entry into the cache.
@Suite(.enabled(if: WheelBuilder.python != nil, "needs a pyenv interpreter to build test wheels"))
struct HostileWheelTests {
    private func expectRefused(_ builder: WheelBuilder, matching predicate: (WheelProblem) -> Bool) async throws {
        let fixture = try await InstallFixture()
        let wheel = try fixture.build(builder)
        do {
            _ = try await fixture.service().install([WheelSource(path: wheel)])
            Issue.record("the hostile wheel was installed")
        } catch {
            guard case .invalidWheel(let path, let problems) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(path == wheel)
            let named = problems.contains(where: predicate)
            #expect(named, "problems were: \(problems)")
            #expect(error.description.contains("nothing was installed"))
        }
        #expect(fixture.environmentFiles().isEmpty)
        #expect(fixture.publishedWheelEntries().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/kiln-escaped-file"))
    }

    private func base() -> WheelBuilder {
        var builder = WheelBuilder(name: "evil", version: "1.0")
        builder.files = [.init("evil/__init__.py", "")]
        return builder
    }

    @Test func parentDirectoryTraversal() async throws {
        var builder = base()
        builder.files.append(.init("../../kiln-escaped-file", "x"))
        try await expectRefused(builder) { if case .unsafePath(let member, _) = $0 { member.hasPrefix("../") } else { false } }
    }

    @Test func absolutePath() async throws {
        var builder = base()
        builder.files.append(.init("/tmp/kiln-escaped-file", "x"))
        try await expectRefused(builder) { $0 == .unsafePath(member: "/tmp/kiln-escaped-file", reason: "is an absolute path") }
    }

    @Test func symlinkEntry() async throws {
        var builder = base()
        var link = WheelBuilder.Member("evil/passwd", "/etc/passwd")
        link.symlink = true
        builder.files.append(link)
        try await expectRefused(builder) { $0 == .symlink(member: "evil/passwd") }
    }

    @Test func dataScriptsEscapingItsScheme() async throws {
        var builder = base()
        builder.files.append(.init("evil-1.0.data/scripts/../../../kiln-escaped-file", "x"))
        try await expectRefused(builder) { $0 == .escapesScheme(member: "evil-1.0.data/scripts/../../../kiln-escaped-file", scheme: "scripts") }
    }

    @Test func missingRecord() async throws {
        var builder = base()
        builder.omitRecord = true
        try await expectRefused(builder) { $0 == .missingRequiredFile("evil-1.0.dist-info/RECORD") }
    }

    @Test func recordHashMismatch() async throws {
        var builder = base()
        builder.recordHashOverrides = ["evil/__init__.py": "sha256=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"]
        try await expectRefused(builder) { if case .hashMismatch(let member, _, _) = $0 { member == "evil/__init__.py" } else { false } }
    }

    @Test func twoDistInfoDirectories() async throws {
        var builder = base()
        builder.extraDistInfo = "other-2.0.dist-info"
        try await expectRefused(builder) { $0 == .distInfoCount(found: ["evil-1.0.dist-info", "other-2.0.dist-info"]) }
    }

    @Test func nulInMemberName() async throws {
        var builder = base()
        var member = WheelBuilder.Member("evil/a_b.py", "x")
        member.nulAt = 6
        builder.files.append(member)
        try await expectRefused(builder) { $0 == .controlCharacter(member: "evil/a\\0b.py") }
    }

    @Test func newlineInMemberName() async throws {
        var builder = base()
        builder.files.append(.init("evil/a\nb.py", "x"))
        try await expectRefused(builder) { $0 == .controlCharacter(member: "evil/a\\nb.py") }
    }

    /// 64 MiB of zeros declared as 1,000 bytes: extraction stops one buffer past the declaration.
    @Test func zipBombLyingAboutItsSize() async throws {
        var builder = base()
        var bomb = WheelBuilder.Member("evil/bomb.bin", "")
        bomb.zeros = 64 << 20
        bomb.declaredSize = 1000
        builder.files.append(bomb)
        try await expectRefused(builder) { $0 == .exceedsDeclaredSize(member: "evil/bomb.bin", declared: 1000) }
    }

    @Test func metadataNameDisagreesWithFilename() async throws {
        var builder = base()
        builder.metadataName = "somebody-else"
        try await expectRefused(builder) { $0 == .metadataMismatch(field: "Name", metadata: "somebody-else", filename: "evil") }
    }

    @Test func metadataVersionDisagreesWithFilename() async throws {
        var builder = base()
        builder.metadataVersion = "6.6.6"
        try await expectRefused(builder) { $0 == .metadataMismatch(field: "Version", metadata: "6.6.6", filename: "1.0") }
    }

    @Test func everyProblemIsReportedAtOnce() async throws {
        var builder = base()
        builder.files.append(.init("../a", "x"))
        builder.files.append(.init("/b", "x"))
        var link = WheelBuilder.Member("evil/link", "/")
        link.symlink = true
        builder.files.append(link)
        let fixture = try await InstallFixture()
        let wheel = try fixture.build(builder)
        await #expect {
            _ = try await fixture.service().install([WheelSource(path: wheel)])
        } throws: { error in
            guard case InstallError.invalidWheel(_, let problems) = error else { return false }
            return problems.count == 3
        }
    }
}
