import Foundation
import Testing
import TestSupport

/// `kiln install` over sdists that cannot build: the install goes on with an older version and
/// says why the newer one was passed over; past the bound, the error lists each failed build and
/// the environment is left as it was.
@Suite(.enabled(if: PyenvInterpreters.isAvailable("3.12"), "needs CPython 3.12 from pyenv"))
struct InstallSdistBacktrackingEndToEndTests {
    @Test func installPassesOverAFailingSdistAndInstallsTheOlderWheel() throws {
        let links = try CompileSdistEndToEndTests.Links()
        try links.add(WheelBuilder(name: "pkg", version: "1.0"))
        try links.failing("pkg", "2.0")
        let sandbox = try InstallSandbox()
        let result = try sandbox.install(["pkg"], ["--no-index", "--find-links", links.directory])
        #expect(result.status == 0, "\(result.stderr)")
        let warning = "warning: pkg 2.0 was passed over: its build failed (get_requires_for_build_wheel): RuntimeError: kiln test failure\n"
        #expect(result.stderr.components(separatedBy: warning).count == 2, "told once: \(result.stderr)")
        let listed = try sandbox.kiln(["list", "--python", sandbox.venv, "--format", "freeze"])
        #expect(listed.stdout.split(separator: "\n").contains("pkg==1.0"), "\(listed.stdout)")
        #expect(links.runs("pkg", "2.0") == ["get_requires_for_build_wheel"], "one metadata build, no wheel build")
    }

    @Test func installStopsAtTheBoundListingThreeFailedBuildsAndChangesNothing() throws {
        let links = try CompileSdistEndToEndTests.Links()
        for version in ["1.0", "2.0", "3.0", "4.0"] { try links.failing("pkg", version) }
        let sandbox = try InstallSandbox()
        let before = try sandbox.kiln(["list", "--python", sandbox.venv, "--format", "freeze"]).stdout
        let result = try sandbox.install(["pkg"], ["--no-index", "--find-links", links.directory, "--max-build-failures", "3"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("3 builds of pkg failed:"), "\(result.stderr)")
        for version in ["4.0", "3.0", "2.0"] {
            #expect(result.stderr.contains("  pkg \(version): failed in get_requires (get_requires_for_build_wheel)"), "\(result.stderr)")
        }
        #expect(!result.stderr.contains("pkg 1.0:"))
        #expect(links.runs("pkg", "1.0").isEmpty, "the fourth sdist is never built")
        let after = try sandbox.kiln(["list", "--python", sandbox.venv, "--format", "freeze"]).stdout
        #expect(after == before)
    }

    @Test func installBuildsMetadataThenTheWheelInOneSessionAndSaysSo() throws {
        let links = try CompileSdistEndToEndTests.Links()
        var fixture = SdistFixture(name: "dyn", version: "1.0")
        fixture.requiresDist = ["six>=1.16"]
        fixture.runLog = links.runLog("dyn", "1.0")
        try links.add(fixture)
        try links.add(WheelBuilder(name: "six", version: "1.17.0"))
        let sandbox = try InstallSandbox()
        let result = try sandbox.install(["dyn"], ["--no-index", "--find-links", links.directory])
        #expect(result.status == 0, "\(result.stderr)")
        // Off a terminal: plain lines, the metadata build told once it ran.
        #expect(result.stderr.contains("Prepared the metadata of dyn 1.0\n"), "\(result.stderr)")
        #expect(!result.stderr.contains("\u{1B}["), "no escape codes off a terminal")
        // get_requires ran once: the wheel was built in the environment the metadata build prepared.
        #expect(links.runs("dyn", "1.0") == ["get_requires_for_build_wheel", "prepare_metadata_for_build_wheel", "build_wheel"])
        let listed = try sandbox.kiln(["list", "--python", sandbox.venv, "--format", "freeze"]).stdout
        #expect(listed.split(separator: "\n").contains("dyn==1.0") && listed.contains("six==1.17.0"), "\(listed)")
    }
}
