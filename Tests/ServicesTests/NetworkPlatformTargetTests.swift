import Foundation
import PackagingModel
import Python
import Resolver
import Services
import TestSupport
import Testing

/// Targets without an interpreter against packaging 26.3 itself (KILN_NETWORK_TESTS=1: packaging
/// comes from the index), inside each installed interpreter: `sys_tags()` line for line, and
/// `default_environment()` apart from platform_release and platform_version, which a target
/// leaves empty.
@Suite(.enabled(if: NetworkTests.enabled, "set KILN_NETWORK_TESTS=1 to compare with packaging 26.3 from the index"))
struct NetworkPlatformTargetTests {
    static let script = """
        import json
        from packaging.tags import sys_tags
        from packaging.markers import default_environment
        print(json.dumps({"tags": [str(t) for t in sys_tags()], "markers": default_environment()}))
        """

    @Test(arguments: ["3.9", "3.10", "3.11", "3.12", "3.13"])
    func equalsPackagingInTheInterpreter(minor: String) async throws {
        guard let base = PyenvInterpreters.path(for: minor) else { try Test.cancel("pyenv has no Python \(minor) installed") }
        let directory = try TemporaryDirectory("kiln-target-oracle")
        let venv = directory.file("venv")
        try #require(try ProcessHelper.run(base, ["-m", "venv", venv]).status == 0)
        var installed = false
        for attempt in 1...3 where !installed {
            installed = try ProcessHelper.run(venv + "/bin/python", ["-m", "pip", "install", "--disable-pip-version-check", "-q", "packaging==26.3"],
                                              environment: ["PIP_FIND_LINKS": nil]).status == 0
            if !installed { try await Task.sleep(for: .seconds(attempt * 2)) }
        }
        if !installed { try Test.cancel("cannot install packaging 26.3 from the index") }
        let output = try ProcessHelper.run(venv + "/bin/python", ["-c", Self.script])
        try #require(output.status == 0, "\(output.stderr)")
        let answer = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        let tags = try #require(answer?["tags"] as? [String])
        let markers = try #require(answer?["markers"] as? [String: String])

        let platform = try #require(PlatformTarget.thisMachine())
        let version = try Version(try #require(markers["python_full_version"]))
        let target = ResolutionTarget(pythonVersion: version, platform: platform)
        #expect(target.tags.tags.map(\.description) == tags)
        let generated = target.environment.markers
        for variable in MarkerVariable.allCases where ![.extra, .extras, .dependencyGroups, .platformRelease, .platformVersion].contains(variable) {
            #expect(generated.value(of: variable) == markers[variable.rawValue], "\(variable)")
        }
    }
}
