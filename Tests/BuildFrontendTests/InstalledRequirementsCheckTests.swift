import Foundation
import PackagingModel
import Python
import Testing
import TestSupport
@testable import BuildFrontend

/// `--no-isolation`'s check of the build requirements, against a venv with hand-made .dist-info directories.
@Suite(needsPython311) struct InstalledRequirementsCheckTests {
    private func distribution(_ name: String, _ version: String, requires: [String] = [], in site: String) throws {
        let directory = site + "/\(name.replacingOccurrences(of: "-", with: "_"))-\(version).dist-info"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let metadata = "Metadata-Version: 2.1\nName: \(name)\nVersion: \(version)\n" + requires.map { "Requires-Dist: \($0)\n" }.joined()
        try metadata.write(toFile: directory + "/METADATA", atomically: false, encoding: .utf8)
    }

    @Test func followsDependenciesEvaluatesMarkersAndChecksVersions() async throws {
        let rig = try await BuildRig.make()
        let venv = try VenvCreator.create(at: rig.work.file("venv"), base: rig.interpreter)
        try distribution("top", "1.0", requires: ["middle>=2", "py2only; python_version < '3'", "extra-dep; extra == 'x'"], in: venv.sitePackages)
        try distribution("middle", "1.5", requires: ["leaf"], in: venv.sitePackages)
        try distribution("with-extra", "1.0", requires: ["extra-dep; extra == 'x'"], in: venv.sitePackages)
        let interpreter = try await InterpreterInspector(cacheDirectory: nil).inspect(venv.python)
        let check = InstalledRequirementsCheck(interpreter: interpreter)

        #expect(check.missing([try Requirement("top")]) == ["middle>=2 (1.5 is installed)"])
        #expect(check.missing([try Requirement("middle")]) == ["leaf (not installed)"])
        #expect(check.missing([try Requirement("with-extra")]) == [])
        let withExtra = check.missing([try Requirement("with-extra[x]")])
        #expect(withExtra.count == 1 && withExtra.first?.hasPrefix("extra-dep") == true && withExtra.first?.hasSuffix("(not installed)") == true, "\(withExtra)")
        #expect(check.missing([try Requirement("absent; python_version < '3'")]) == [])
    }
}
