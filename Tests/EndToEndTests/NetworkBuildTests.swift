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
    ]
    /// Compiled extensions embed the (per-build, random) build directory: not byte-identical.
    static let compiled: Set<String> = ["pyyaml==6.0.2"]

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
