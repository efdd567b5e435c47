import Foundation
import Testing
import TestSupport

/// Against the public index (KILN_NETWORK_TESTS=1): kiln's pins against uv's for real requirement
/// sets, wheel choice per Python version, requires-python exclusions, concurrent installs.
@Suite(.enabled(if: NetworkTests.enabled, "network tests run only with KILN_NETWORK_TESTS=1"))
struct NetworkResolutionTests {
    static let cutoff = "2026-06-01T00:00:00Z"
    static let shared = try? TemporaryDirectory("kiln-network-resolution")

    struct RequirementSet: Sendable, CustomTestStringConvertible {
        let python: String
        let requirements: [String]
        var testDescription: String { "\(python): \(requirements.joined(separator: " "))" }
    }

    static let sets: [RequirementSet] = [
        ["requests"], ["flask"], ["django"], ["fastapi"], ["pandas"], ["numpy<2"], ["scipy"], ["matplotlib"],
        ["boto3"], ["sqlalchemy", "alembic"], ["pydantic"], ["httpx[http2]"], ["black"], ["pytest", "pytest-cov"],
        ["celery[redis]"], ["ipython"], ["rich", "typer"], ["aiohttp"], ["scikit-learn"], ["uvicorn[standard]"],
        ["sphinx"], ["mypy"], ["cryptography"], ["pyyaml", "jinja2", "markupsafe<3"], ["requests[socks]", "urllib3<2"],
        ["networkx", "sympy"], ["openpyxl"], ["beautifulsoup4", "lxml"], ["pillow"], ["tox"],
        ["starlette", "anyio<4"], ["attrs", "cattrs"],
    ].map { RequirementSet(python: "3.12", requirements: $0) } + [
        // requires-python decides here: numpy 2.1+, pandas 2.3+, ipython 8.19+ and django 5 left 3.9 behind.
        ["numpy"], ["pandas"], ["ipython"], ["django"],
    ].map { RequirementSet(python: "3.9", requirements: $0) } + [
        ["numpy"], ["scipy"], ["pydantic"],
    ].map { RequirementSet(python: "3.13", requirements: $0) }

    @Test(arguments: sets)
    func pinsMatchUv(_ set: RequirementSet) async throws {
        let python = try #require(PyenvInterpreters.path(for: set.python), "CPython \(set.python) is not installed")
        let work = try TemporaryDirectory("kiln-differential")
        let input = work.file("requirements.in")
        try (set.requirements.joined(separator: "\n") + "\n").write(toFile: input, atomically: false, encoding: .utf8)
        let cache = try #require(Self.shared).file("kiln-cache")
        let kiln = try Self.retrying {
            try KilnBinary.run(["compile", "-r", input, "--python", python, "--exclude-newer", Self.cutoff, "--cache-dir", cache, "-q"])
        }
        try Self.cancelIfUnreachable(kiln)
        #expect(kiln.status == 0, "\(kiln.stderr)")
        let uv = try Self.retrying {
            try ProcessHelper.run(UvBinary.path, ["pip", "compile", input, "--python", python, "--exclude-newer", Self.cutoff,
                                                      "--no-header", "--no-annotate", "-q",
                                                      "--cache-dir", try #require(Self.shared).file("uv-cache")])
        }
        #expect(uv.status == 0, "\(uv.stderr)")
        #expect(Self.pins(kiln.stdout) == Self.pins(uv.stdout))
    }

    /// `kiln install multiprocess` into 3.10–3.13 venvs sharing one cache, in both orders:
    /// each gets the wheel tagged for its own Python.
    @Test(arguments: [["3.10", "3.11", "3.12", "3.13"], ["3.13", "3.12", "3.11", "3.10"]])
    func multiprocessGetsTheWheelOfEachPython(_ order: [String]) async throws {
        let work = try TemporaryDirectory("kiln-network-multiprocess")
        for minor in order {
            let python = try #require(PyenvInterpreters.path(for: minor), "CPython \(minor) is not installed")
            let venv = work.file("venv-\(minor)")
            let made = try KilnBinary.run(["venv", venv, "--python", python, "--cache-dir", work.file("cache")])
            try #require(made.status == 0, "\(made.stderr)")
            let installed = try Self.retrying {
                try KilnBinary.run(["install", "multiprocess", "--python", venv, "--cache-dir", work.file("cache"),
                                    "--exclude-newer", Self.cutoff], environment: ["VIRTUAL_ENV": nil])
            }
            try Self.cancelIfUnreachable(installed)
            #expect(installed.status == 0, "\(installed.stderr)")
            let record = try Self.distInfoFile(in: venv + "/lib/python\(minor)/site-packages", project: "multiprocess", file: "WHEEL")
            let tag = "py" + minor.replacingOccurrences(of: ".", with: "")
            #expect(record.contains("Tag: \(tag)-none-any"), "\(minor) got \(record)")
        }
    }

    /// llvmlite 0.37.0/0.36.0 say `>=3.7,<3.10`: never candidates on 3.12. Older ones have only
    /// sdists, whose metadata resolves but whose build needs an LLVM that is not here: kiln
    /// builds 0.35.0, says the build failed (phase, hook, log tail) and exits 1, installing nothing.
    @Test func llvmliteBelow038OnPython312() async throws {
        let python = try #require(PyenvInterpreters.path(for: "3.12"), "CPython 3.12 is not installed")
        let work = try TemporaryDirectory("kiln-network-llvmlite")
        let made = try KilnBinary.run(["venv", work.file("venv"), "--python", python, "--cache-dir", work.file("cache")])
        try #require(made.status == 0)
        let result = try KilnBinary.run(["install", "llvmlite<0.38", "--python", work.file("venv"), "--cache-dir", work.file("cache"),
                                         "--exclude-newer", Self.cutoff], environment: ["VIRTUAL_ENV": nil])
        try Self.cancelIfUnreachable(result)
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: failed to build llvmlite"), "\(result.stderr)")
        #expect(result.stderr.contains("(build_wheel)"), "\(result.stderr)")
        #expect(result.stderr.contains("last "), "the error carries the log's tail: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: work.file("venv/lib/python3.12/site-packages/llvmlite")))
        // Lock files (dot-names) stay, as every cache entry's do; no entry is published.
        let built = ((try? FileManager.default.contentsOfDirectory(atPath: work.file("cache/built-wheels-v1/llvmlite"))) ?? [])
            .filter { !$0.hasPrefix(".") }
        #expect(built.isEmpty, "a failed build publishes nothing: \(built)")
    }

    /// Eight processes, eight venvs, one cold cache: all succeed.
    @Test func eightConcurrentInstallsOfSix() async throws {
        let python = try #require(PyenvInterpreters.path(for: "3.12"), "CPython 3.12 is not installed")
        let work = try TemporaryDirectory("kiln-network-six")
        for number in 0..<8 {
            let made = try KilnBinary.run(["venv", work.file("venv\(number)"), "--python", python, "--cache-dir", work.file("venv-cache")])
            try #require(made.status == 0)
        }
        let results = try await withThrowingTaskGroup(of: KilnBinary.Result.self) { group in
            for number in 0..<8 {
                group.addTask {
                    try KilnBinary.run(["install", "six==1.17.0", "--python", work.file("venv\(number)"), "--cache-dir", work.file("cache")],
                                       environment: ["VIRTUAL_ENV": nil])
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for result in results {
            try Self.cancelIfUnreachable(result)
            #expect(result.status == 0, "\(result.stderr)")
        }
    }

    static func pins(_ output: String) -> [String] {
        output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }.sorted()
    }

    static func distInfoFile(in site: String, project: String, file: String) throws -> String {
        let entry = try #require(try FileManager.default.contentsOfDirectory(atPath: site)
            .first { $0.lowercased().hasPrefix(project + "-") && $0.hasSuffix(".dist-info") })
        return try String(contentsOfFile: site + "/" + entry + "/" + file, encoding: .utf8)
    }

    /// One more try after a failure that looks like the network's fault.
    static func retrying(_ body: () throws -> KilnBinary.Result) throws -> KilnBinary.Result {
        let first = try body()
        guard first.status != 0, looksLikeNetwork(first.stderr) else { return first }
        Thread.sleep(forTimeInterval: 2)
        return try body()
    }

    static func cancelIfUnreachable(_ result: KilnBinary.Result) throws {
        if result.status != 0, result.stderr.contains("Could not resolve host") || result.stderr.contains("Couldn't connect") {
            try Test.cancel("the public index is unreachable: \(result.stderr)")
        }
    }

    static func looksLikeNetwork(_ stderr: String) -> Bool {
        ["timed out", "reset", "Could not resolve", "connect", "503", "502", "HTTP/2"].contains { stderr.contains($0) }
    }
}

/// uv for the differential tests: bench/.venv/bin/uv when the bench has installed it, else
/// installed once with pip into a temporary venv.
enum UvBinary {
    static let path: String = {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let bench = repository.appendingPathComponent("bench/.venv/bin/uv").path
        if FileManager.default.isExecutableFile(atPath: bench) { return bench }
        let venv = NSTemporaryDirectory() + "kiln-uv-venv"
        let uv = venv + "/bin/uv"
        if !FileManager.default.isExecutableFile(atPath: uv), let python = PyenvInterpreters.path(for: "3.12") {
            _ = try? ProcessHelper.run(python, ["-m", "venv", venv])
            _ = try? ProcessHelper.run(venv + "/bin/python", ["-m", "pip", "install", "-q", "uv"])
        }
        return uv
    }()
}
