import Foundation
import PackagingModel
import Python
import Resolver
import Services
import SystemSupport
import TestSupport
import Testing

/// Targets built from (Python version, platform) without an interpreter must agree with what a
/// real interpreter of that version reports: the same tag list, in order, and the same markers
/// apart from `platform_release` and `platform_version` (a kernel's strings, unknowable for
/// another machine, left empty).
@Suite struct PlatformTargetTests {
    @Test(arguments: ["3.8", "3.9", "3.10", "3.11", "3.12", "3.13"])
    func matchesAnInstalledInterpreterOnThisMachine(minor: String) async throws {
        guard let path = PyenvInterpreters.path(for: minor) else { try Test.cancel("pyenv has no Python \(minor) installed") }
        let cache = try TemporaryDirectory("kiln-platform-target")
        let interpreter = try await InterpreterInspector(cacheDirectory: cache.path).inspect(path)
        let platform = try #require(PlatformTarget.thisMachine(), "this machine is none of --platform's choices")

        let target = ResolutionTarget(pythonVersion: interpreter.fullVersion, platform: platform)
        let expected = interpreter.compatibleTags
        #expect(target.tags.tags.count == expected.count)
        if let index = zip(target.tags.tags, expected).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            Issue.record("tag \(index + 1): generated \(target.tags.tags[index]), the interpreter has \(expected[index])")
        }

        var markers = interpreter.pep508Markers
        markers.platformRelease = ""
        markers.platformVersion = ""
        #expect(target.environment.markers == markers)
        #expect(target.environment.pythonVersion == interpreter.fullVersion)
    }

    @Test func aMinorAloneMeansItsFirstRelease() throws {
        let target = ResolutionTarget(pythonVersion: try Version("3.11"), platform: PlatformTarget(.windowsX86_64))
        #expect(target.environment.markers.pythonFullVersion == "3.11.0")
        #expect(target.environment.markers.pythonVersion == "3.11")
        #expect(target.environment.markers.sysPlatform == "win32")
        #expect(target.environment.markers.osName == "nt")
        #expect(target.environment.markers.platformMachine == "AMD64")
        #expect(target.tags.tags.first?.description == "cp311-cp311-win_amd64")
    }

    @Test func linuxWithoutGlibcHasNoManylinuxTags() {
        let tags = PlatformTarget(.linuxAarch64).platformTags
        #expect(tags == ["linux_aarch64"])
        let musl = PlatformTarget(.linuxAarch64, libc: .musl(LibcVersion(1, 2))).platformTags
        #expect(musl == ["linux_aarch64", "musllinux_1_2_aarch64", "musllinux_1_1_aarch64", "musllinux_1_0_aarch64"])
    }

    /// macOS and Windows lists against packaging's own functions, as vendored by pip in
    /// Python 3.13 (packaging 24.1: its macOS and Windows orders are those of 26.3).
    @Test(arguments: [
        (TargetPlatform.macosArm64, "list(tags.mac_platforms((13, 0), 'arm64'))"),
        (TargetPlatform.macosX86_64, "list(tags.mac_platforms((13, 0), 'x86_64'))"),
        (TargetPlatform.windowsX86_64, "['win_amd64']"),
    ])
    func matchesPackagingElsewhere(platform: TargetPlatform, platforms: String) throws {
        guard let python = PyenvInterpreters.path(for: "3.13") else { try Test.cancel("pyenv has no Python 3.13 installed") }
        for minor in [8, 10, 13] {
            let script = """
                from pip._vendor.packaging import tags
                platforms = \(platforms)
                for t in tags.cpython_tags((3, \(minor)), ['cp3\(minor)'], platforms): print(t)
                for t in tags.compatible_tags((3, \(minor)), 'cp3\(minor)', platforms): print(t)
                """
            let expected = try Self.output(python, ["-c", script])
            let generated = PlatformTarget(platform).cpythonTags(LanguageVersion(3, minor)).map(\.description)
            #expect(generated.count == expected.count, "\(platform) 3.\(minor)")
            #expect(generated == expected, "\(platform) 3.\(minor)")
        }
    }

    static func output(_ executable: String, _ arguments: [String]) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(executable) \(arguments) failed")
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
