import Foundation
import Testing
import TestSupport
@testable import Python

/// The environment commands act on by default, found from `pyvenv.cfg` files alone.
@Suite struct DefaultEnvironmentTests {
    private func makeEnvironment(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path + "/bin", withIntermediateDirectories: true)
        try "home = /nowhere\nversion = 3.12.1\n".write(toFile: path + "/pyvenv.cfg", atomically: false, encoding: .utf8)
    }

    @Test func activeEnvironmentComesFirst() throws {
        let directory = try TemporaryDirectory()
        try makeEnvironment(directory.file("active"))
        try makeEnvironment(directory.file(".venv"))
        let context = DiscoveryContext(variables: ["VIRTUAL_ENV": directory.file("active")], currentDirectory: directory.path)
        let found = try VirtualEnvironment.locateDefault(in: context)
        #expect(found?.root == directory.file("active"))
        #expect(found?.pythonMinor == 12)
    }

    @Test func anActiveEnvironmentThatIsNoneIsAnError() throws {
        let directory = try TemporaryDirectory()
        try makeEnvironment(directory.file(".venv"))
        let context = DiscoveryContext(variables: ["VIRTUAL_ENV": directory.file("gone")], currentDirectory: directory.path)
        #expect(throws: VenvError.notAVirtualEnvironment(path: directory.file("gone"))) {
            try VirtualEnvironment.locateDefault(in: context)
        }
    }

    @Test func projectEnvironmentHereOrTheNearestAbove() throws {
        let directory = try TemporaryDirectory()
        try makeEnvironment(directory.file("project/.venv"))
        try makeEnvironment(directory.file("project/inner/.venv"))
        try FileManager.default.createDirectory(atPath: directory.file("project/inner/src"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory.file("project/docs"), withIntermediateDirectories: true)
        func located(from relative: String) throws -> String? {
            try VirtualEnvironment.locateDefault(in: DiscoveryContext(variables: [:], currentDirectory: directory.file(relative)))?.root
        }
        #expect(try located(from: "project") == directory.file("project/.venv"))
        #expect(try located(from: "project/docs") == directory.file("project/.venv"))
        #expect(try located(from: "project/inner/src") == directory.file("project/inner/.venv"))
    }

    @Test func aDirectoryNamedDotVenvWithoutConfigurationIsNotAnEnvironment() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.file(".venv/bin"), withIntermediateDirectories: true)
        let context = DiscoveryContext(variables: ["VIRTUAL_ENV": ""], currentDirectory: directory.path)
        #expect(try VirtualEnvironment.locateDefault(in: context) == nil)
    }
}
