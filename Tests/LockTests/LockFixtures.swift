import Foundation
import PackagingModel
import Testing
@testable import Lock

/// Lock files written by other tools, committed as data (see Fixtures/README.md).
enum LockFixtures {
    static func text(_ name: String) throws -> String {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        return try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    static let linux312: MarkerEnvironment = MarkerEnvironment(
        implementationName: "cpython", implementationVersion: "3.12.4", osName: "posix", platformMachine: "x86_64",
        platformPythonImplementation: "CPython", platformRelease: "", platformSystem: "Linux", platformVersion: "",
        pythonFullVersion: "3.12.4", pythonVersion: "3.12", sysPlatform: "linux")

    static func environment(python: String) -> MarkerEnvironment {
        var environment = linux312
        environment.pythonFullVersion = python
        environment.implementationVersion = python
        environment.pythonVersion = python.split(separator: ".").prefix(2).joined(separator: ".")
        return environment
    }

    static func tags(_ minor: Int) -> TagPriority {
        TagPriority(PlatformTarget(.linuxX86_64, libc: .glibc(LibcVersion(2, 36))).cpythonTags(LanguageVersion(3, minor)))
    }

    static func file(_ name: String, sha: Character = "a") -> LockedFile {
        LockedFile(name: name, url: "https://files.example/\(name)", uploadTime: LockTimestamp(rfc3339: "2024-08-26T20:19:40Z"),
                   size: 1234, hashes: ["sha256": String(repeating: sha, count: 64)])
    }

    static func package(_ name: String, _ version: String, marker: String? = nil, wheels: [String], sdist: String? = nil) throws -> LockedPackage {
        LockedPackage(
            name: try PackageName(name), version: try Version(version), marker: try marker.map { try Marker($0) },
            requiresPython: try SpecifierSet(">=3.8"), index: "https://pypi.org/simple",
            source: .distributions(sdist: sdist.map { file($0, sha: "b") }, wheels: wheels.map { file($0) }))
    }
}
