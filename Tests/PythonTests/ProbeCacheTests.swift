import Foundation
import Testing
import TestSupport
@testable import Python

/// Probe results are reused only while the interpreter behind the path is unchanged.
@Suite struct ProbeCacheTests {
    /// A venv-like layout: `env/bin/python` → a pyenv interpreter, and an `env/pyvenv.cfg`.
    private func environment(linkingTo target: String, in directory: TemporaryDirectory) throws -> String {
        try FileManager.default.createDirectory(atPath: directory.file("env/bin"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: directory.file("env/bin/python"), withDestinationPath: target)
        try "home = \(FileManager.default.temporaryDirectory.path)\n".write(toFile: directory.file("env/pyvenv.cfg"), atomically: false, encoding: .utf8)
        return directory.file("env/bin/python")
    }

    /// Marks the cached report so a test can tell a cache hit from a fresh probe.
    private func tamper(_ cache: ProbeCache, _ path: String) throws {
        let entryPath = cache.entryPath(for: path)
        var entry = try #require(ProbeCacheCodec.decode(try String(contentsOfFile: entryPath, encoding: .utf8)[...]))
        entry.report.implementationVersion = "from-the-cache"
        try ProbeCacheCodec.encode(entry).write(toFile: entryPath, atomically: true, encoding: .utf8)
    }

    @Test func reusesAnUnchangedInterpreter() async throws {
        try #require(PyenvInterpreters.isAvailable("3.12"), "pyenv has no Python 3.12 installed; skipping")
        let python312 = try #require(PyenvInterpreters.path(for: "3.12"))
        let directory = try TemporaryDirectory()
        let cacheDirectory = directory.file("interpreters-v1")
        let inspector = InterpreterInspector(cacheDirectory: cacheDirectory)
        let path = try environment(linkingTo: python312, in: directory)

        let first = try await inspector.inspect(path)
        let cache = ProbeCache(directory: cacheDirectory)
        #expect(FileManager.default.fileExists(atPath: cache.entryPath(for: path)))
        try tamper(cache, path)
        let second = try await inspector.inspect(path)
        #expect(second.implementationVersion == "from-the-cache")
        #expect(second.version == first.version)
    }

    @Test func reprobesWhenTheSymlinkIsRetargeted() async throws {
        try #require(PyenvInterpreters.isAvailable("3.12") && PyenvInterpreters.isAvailable("3.11"),
                     "pyenv needs Python 3.11 and 3.12 for this test; skipping")
        let python312 = try #require(PyenvInterpreters.path(for: "3.12"))
        let python311 = try #require(PyenvInterpreters.path(for: "3.11"))
        let directory = try TemporaryDirectory()
        let inspector = InterpreterInspector(cacheDirectory: directory.file("interpreters-v1"))
        let path = try environment(linkingTo: python312, in: directory)

        #expect(try await inspector.inspect(path).version.minorVersion == "3.12")
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: python311)
        let retargeted = try await inspector.inspect(path)
        #expect(retargeted.version.minorVersion == "3.11")
        #expect(retargeted.implementationVersion != "from-the-cache")
    }

    /// A venv probed once, its cached report marked: (the inspector, the venv's python, the venv's
    /// interpreter, the directory holding it all).
    private func probedAndMarkedEnvironment() async throws -> (InterpreterInspector, String, String, TemporaryDirectory) {
        try #require(PyenvInterpreters.isAvailable("3.12"), "pyenv has no Python 3.12 installed; skipping")
        let python312 = try #require(PyenvInterpreters.path(for: "3.12"))
        let directory = try TemporaryDirectory()
        let cacheDirectory = directory.file("interpreters-v1")
        let inspector = InterpreterInspector(cacheDirectory: cacheDirectory)
        let path = try environment(linkingTo: python312, in: directory)
        _ = try await inspector.inspect(path)
        try tamper(ProbeCache(directory: cacheDirectory), path)
        return (inspector, path, python312, directory)
    }

    @Test func reprobesWhenPyvenvCfgChanges() async throws {
        let (inspector, path, _, directory) = try await probedAndMarkedEnvironment()
        try "home = /elsewhere\ninclude-system-site-packages = false\n"
            .write(toFile: directory.file("env/pyvenv.cfg"), atomically: false, encoding: .utf8)
        #expect(try await inspector.inspect(path).implementationVersion != "from-the-cache")
    }

    @Test func reusesAVenvRecreatedWithTheSameConfiguration() async throws {
        let (inspector, path, python312, directory) = try await probedAndMarkedEnvironment()
        try FileManager.default.removeItem(atPath: directory.file("env"))
        _ = try environment(linkingTo: python312, in: directory)
        #expect(try await inspector.inspect(path).implementationVersion == "from-the-cache")
    }

    @Test func doesNotCacheWrappersThatRunAnotherFile() async throws {
        try #require(PyenvInterpreters.isAvailable("3.12"), "pyenv has no Python 3.12 installed; skipping")
        let python312 = try #require(PyenvInterpreters.path(for: "3.12"))
        let directory = try TemporaryDirectory()
        let cacheDirectory = directory.file("interpreters-v1")
        // Like a pyenv shim: which interpreter it runs can change without the file changing.
        let wrapper = directory.file("python")
        try ExecutableScript.write("exec \(python312) \"$@\"", to: wrapper)
        let interpreter = try await InterpreterInspector(cacheDirectory: cacheDirectory).inspect(wrapper)
        #expect(interpreter.version.minorVersion == "3.12")
        #expect(!FileManager.default.fileExists(atPath: ProbeCache(directory: cacheDirectory).entryPath(for: wrapper)))
    }

    @Test func remembersUnsupportedInterpreters() async throws {
        try #require(PyenvInterpreters.isAvailable("3.7"), "pyenv has no Python 3.7 installed; skipping")
        let python37 = try #require(PyenvInterpreters.path(for: "3.7"))
        let directory = try TemporaryDirectory()
        let cacheDirectory = directory.file("interpreters-v1")
        let inspector = InterpreterInspector(cacheDirectory: cacheDirectory)
        for _ in 0..<2 {
            await #expect {
                try await inspector.inspect(python37)
            } throws: { error in
                if case InterpreterError.unsupportedVersion(python37, let version) = error { return version.hasPrefix("3.7.") }
                return false
            }
        }
        #expect(FileManager.default.fileExists(atPath: ProbeCache(directory: cacheDirectory).entryPath(for: python37)))
    }

    /// Every probed interpreter's entry reads back as written; a damaged entry reads as none.
    @Test func entriesReadBackExactlyAndDamagedOnesAreRefused() async throws {
        let pythons = ["3.8", "3.12", "3.13"].compactMap { PyenvInterpreters.path(for: $0) }
        try #require(!pythons.isEmpty, "pyenv has no Python 3.8, 3.12 or 3.13 installed; skipping")
        let directory = try TemporaryDirectory()
        let cache = ProbeCache(directory: directory.file("interpreters-v1"))
        let inspector = InterpreterInspector(cacheDirectory: directory.file("interpreters-v1"))
        for python in pythons {
            _ = try await inspector.inspect(python)
            let text = try String(contentsOfFile: cache.entryPath(for: python), encoding: .utf8)
            let entry = try #require(ProbeCacheCodec.decode(text[...]), "\(python)")
            #expect(ProbeCacheCodec.encode(entry) == text)
            #expect(entry.report.markers?["python_full_version"] != nil && entry.report.versionInfo?.count == 5)
            // Cut anywhere but at the very end, or with a line changed, it is not an entry.
            for cut in [0, 10, text.count / 3, text.count / 2, text.count - 1] {
                #expect(ProbeCacheCodec.decode(text.prefix(cut)) == nil, "cut to \(cut)")
            }
            #expect(ProbeCacheCodec.decode((text.replacingOccurrences(of: "probe_format 1", with: "probe_format x"))[...]) == nil)
            #expect(ProbeCacheCodec.decode((text + "executable \\q\n")[...]) == nil)
        }
    }

    @Test(arguments: ["", " ", "a b", "back\\slash", "new\nline", "\\s", "é ü"])
    func tokensRoundTrip(text: String) {
        #expect(ProbeCacheCodec.unescape(ProbeCacheCodec.escape(text)[...]) == text)
        #expect(!ProbeCacheCodec.escape(text).contains(" ") && !ProbeCacheCodec.escape(text).contains("\n"))
    }
}
