import Foundation
import Testing
import TestSupport

/// Real sdists from the public index (KILN_NETWORK_TESTS=1): each builds, gives the wheel name
/// uv and pip give, and a cold rebuild is byte-identical (SOURCE_DATE_EPOCH from PKG-INFO).
@Suite(.enabled(if: NetworkTests.enabled && PyenvInterpreters.isAvailable("3.12"), "needs KILN_NETWORK_TESTS=1 and CPython 3.12"))
struct NetworkBuildTests {
    static let cases: [(requirement: String, wheel: String)] = [
        ("tomli==2.0.1", "tomli-2.0.1-py3-none-any.whl"),                         // flit_core
        ("threadloop==1.0.2", "threadloop-1.0.2-py3-none-any.whl"),               // setup.py only
        ("jaeger-client==4.8.0", "jaeger_client-4.8.0-py3-none-any.whl"),         // setup.py only
        ("pyyaml==6.0.2", "pyyaml-6.0.2-cp312-cp312-linux_x86_64.whl"),           // in-tree backend, C extension
        ("pluggy==1.5.0", "pluggy-1.5.0-py3-none-any.whl"),                       // setuptools_scm
        ("iniconfig==2.0.0", "iniconfig-2.0.0-py3-none-any.whl"),                 // hatchling + hatch-vcs
        ("tomlkit==0.13.2", "tomlkit-0.13.2-py3-none-any.whl"),                   // poetry-core
        ("unearth==0.17.2", "unearth-0.17.2-py3-none-any.whl"),                   // pdm-backend
        ("jaraco.classes==3.4.0", "jaraco_classes-3.4.0-py3-none-any.whl"),       // dotted name
        ("markupsafe==2.1.5", "markupsafe-2.1.5-cp312-cp312-linux_x86_64.whl"),   // C extension, custom build_ext
        ("ipaddr==2.2.0", "ipaddr-2.2.0-py3-none-any.whl"),                       // distutils setup.py on 3.12
        ("six==1.16.0", "six-1.16.0-py2.py3-none-any.whl"),                       // setup.py, py2.py3 tag
    ]
    /// Compiled extensions embed the (per-build, random) build directory: not byte-identical.
    static let compiled: Set<String> = ["pyyaml==6.0.2", "markupsafe==2.1.5"]

    @Test(arguments: cases.map(\.requirement))
    func buildsTwiceByteIdentical(requirement: String) throws {
        let expected = try #require(Self.cases.first { $0.requirement == requirement }?.wheel)
        let work = try TemporaryDirectory("kiln-network-build")
        var wheels: [String] = []
        for round in 0..<2 {
            let result = try KilnBinary.run(
                ["build-wheel", requirement, "-o", work.file("out\(round)"), "--python", "3.12", "--cache-dir", work.file("cache\(round)")],
                environment: ["SOURCE_DATE_EPOCH": nil], timeout: 600)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.split(separator: "\n").last.map(String.init) == work.file("out\(round)/") + expected)
            wheels.append(try fileDigest(work.file("out\(round)/") + expected))
            if round == 0 { Thread.sleep(forTimeInterval: 1.1) }
        }
        if !Self.compiled.contains(requirement) { #expect(wheels[0] == wheels[1]) }
    }
}
