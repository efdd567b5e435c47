import Foundation
import Testing
import TestSupport

/// Against the public index (KILN_NETWORK_TESTS=1): requirement sets with sdist-only packages
/// (thrift, opentracing, threadloop, jaeger-client, docopt have no wheels), whose metadata kiln
/// gets by building; the pins must be uv's.
@Suite(.enabled(if: NetworkTests.enabled, "network tests run only with KILN_NETWORK_TESTS=1"))
struct NetworkSdistResolutionTests {
    static let shared = try? TemporaryDirectory("kiln-network-sdist-resolution")

    static let sets: [[String]] = [
        ["jaeger-client", "six"], ["jaeger-client"], ["thrift", "opentracing"], ["threadloop", "tornado<6.5"], ["docopt"],
    ]

    @Test(arguments: sets)
    func pinsMatchUv(_ requirements: [String]) async throws {
        let python = try #require(PyenvInterpreters.path(for: "3.12"), "CPython 3.12 is not installed")
        let work = try TemporaryDirectory("kiln-sdist-differential")
        let input = work.file("requirements.in")
        try (requirements.joined(separator: "\n") + "\n").write(toFile: input, atomically: false, encoding: .utf8)
        let shared = try #require(Self.shared)
        let cutoff = NetworkResolutionTests.cutoff
        let kiln = try NetworkResolutionTests.retrying {
            try KilnBinary.run(["compile", "-r", input, "--python", python, "--exclude-newer", cutoff, "--cache-dir", shared.file("kiln-cache")])
        }
        try NetworkResolutionTests.cancelIfUnreachable(kiln)
        #expect(kiln.status == 0, "\(kiln.stderr)")
        #expect(!kiln.stderr.contains("was passed over"), "\(kiln.stderr)")
        let uv = try NetworkResolutionTests.retrying {
            try ProcessHelper.run(UvBinary.path, ["pip", "compile", input, "--python", python, "--exclude-newer", cutoff,
                                                  "--no-header", "--no-annotate", "-q", "--cache-dir", shared.file("uv-cache")])
        }
        #expect(uv.status == 0, "\(uv.stderr)")
        #expect(!NetworkResolutionTests.pins(kiln.stdout).isEmpty)
        #expect(NetworkResolutionTests.pins(kiln.stdout) == NetworkResolutionTests.pins(uv.stdout))
    }
}
