import Foundation
import Testing
import TestSupport
@testable import Python

/// kiln reads pyenv's version selection instead of running its shims.
@Suite struct PyenvShimTests {
    /// A pyenv root with versions 3.11.7, 3.12.0 and 3.12.1 (each with bin/python3) and a shims dir.
    private func makeRoot(_ dir: TemporaryDirectory) throws -> String {
        let root = dir.file("pyenv")
        for version in ["3.11.7", "3.12.0", "3.12.1"] {
            let bin = root + "/versions/\(version)/bin"
            try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: bin + "/python3", contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
        }
        try FileManager.default.createDirectory(atPath: root + "/shims", withIntermediateDirectories: true)
        return root
    }

    private func resolve(_ root: String, variables: [String: String] = [:], in directory: String) -> PyenvShim.Resolution {
        PyenvShim.resolve(command: "python3", shimsDirectory: root + "/shims",
                          context: DiscoveryContext(variables: variables, currentDirectory: directory))
    }

    @Test func theGlobalVersionFileSelects() throws {
        let dir = try TemporaryDirectory()
        let root = try makeRoot(dir)
        try "3.11.7\n".write(toFile: root + "/version", atomically: false, encoding: .utf8)
        #expect(resolve(root, in: dir.path) == .interpreter(root + "/versions/3.11.7/bin/python3"))
    }

    @Test func aPythonVersionFileAboveTheDirectoryWinsOverTheGlobalOne() throws {
        let dir = try TemporaryDirectory()
        let root = try makeRoot(dir)
        try "3.11.7\n".write(toFile: root + "/version", atomically: false, encoding: .utf8)
        let project = dir.file("project/sub")
        try FileManager.default.createDirectory(atPath: project, withIntermediateDirectories: true)
        try "# pinned\n3.12.0\n".write(toFile: dir.file("project/.python-version"), atomically: false, encoding: .utf8)
        #expect(resolve(root, in: project) == .interpreter(root + "/versions/3.12.0/bin/python3"))
    }

    @Test func pyenvVersionWinsAndAPrefixMeansTheNewestRelease() throws {
        let dir = try TemporaryDirectory()
        let root = try makeRoot(dir)
        try "3.11.7\n".write(toFile: root + "/version", atomically: false, encoding: .utf8)
        #expect(resolve(root, variables: ["PYENV_VERSION": "3.12"], in: dir.path)
            == .interpreter(root + "/versions/3.12.1/bin/python3"))
        #expect(resolve(root, variables: ["PYENV_VERSION": "3.9:3.11.7"], in: dir.path)
            == .interpreter(root + "/versions/3.11.7/bin/python3"))
    }

    @Test func systemAndMissingVersions() throws {
        let dir = try TemporaryDirectory()
        let root = try makeRoot(dir)
        #expect(resolve(root, in: dir.path) == .system)
        #expect(resolve(root, variables: ["PYENV_VERSION": "3.7.1"], in: dir.path) == .unavailable)
        #expect(resolve(root, variables: ["PYENV_VERSION": "../../etc"], in: dir.path) == .unavailable)
    }

    @Test func anUnfamiliarLayoutRunsTheShim() throws {
        let dir = try TemporaryDirectory()
        let context = DiscoveryContext(variables: [:], currentDirectory: dir.path)
        #expect(PyenvShim.resolve(command: "python3", shimsDirectory: dir.file("shims"), context: context) == .unknown)
    }
}
