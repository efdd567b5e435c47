import PackagingModel
import Testing
@testable import Lock

@Suite struct LockFileTests {
    static func sample() throws -> PackageLock {
        PackageLock(
            environments: [try Marker("sys_platform == \"linux\" and platform_machine == \"x86_64\"")],
            requiresPython: try SpecifierSet(">=3.8"),
            extras: [try ExtraName("socks")], dependencyGroups: [try DependencyGroupName("dev")], defaultGroups: [try DependencyGroupName("dev")],
            packages: [
                try LockFixtures.package("numpy", "2.2.6", marker: "python_version >= \"3.10\"",
                                         wheels: ["numpy-2.2.6-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
                                                  "numpy-2.2.6-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"],
                                         sdist: "numpy-2.2.6.tar.gz"),
                try LockFixtures.package("numpy", "1.24.4", marker: "python_version < \"3.10\"", wheels: ["numpy-1.24.4-cp38-cp38-manylinux_2_17_x86_64.whl"]),
                try LockFixtures.package("idna", "3.10", wheels: ["idna-3.10-py3-none-any.whl"]),
                try LockFixtures.package("pysocks", "1.7.1", marker: "'socks' in extras", wheels: ["PySocks-1.7.1-py3-none-any.whl"]),
            ])
    }

    @Test func writesTheExpectedText() throws {
        let text = try Self.sample().tomlText()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines.prefix(7)) == [
            "lock-version = \"1.0\"",
            "environments = ['sys_platform == \"linux\" and platform_machine == \"x86_64\"']",
            "requires-python = \">=3.8\"",
            "extras = [\"socks\"]",
            "dependency-groups = [\"dev\"]",
            "default-groups = [\"dev\"]",
            "created-by = \"kiln\"",
        ])
        // Packages sorted by name then version; wheels by file name.
        let names = lines.filter { $0.hasPrefix("name = ") || $0.hasPrefix("version = ") }
        #expect(names == ["name = \"idna\"", "version = \"3.10\"", "name = \"numpy\"", "version = \"1.24.4\"",
                          "name = \"numpy\"", "version = \"2.2.6\"", "name = \"pysocks\"", "version = \"1.7.1\""])
        let wheelLines = lines.filter { $0.hasPrefix("    { name = \"numpy-2.2.6") }
        #expect(wheelLines.count == 2)
        #expect(wheelLines.first?.contains("cp310") == true)
        #expect(text.contains("sdist = { name = \"numpy-2.2.6.tar.gz\", url = \"https://files.example/numpy-2.2.6.tar.gz\", "
                              + "upload-time = 2024-08-26T20:19:40Z, size = 1234, hashes = { sha256 = \"\(String(repeating: "b", count: 64))\" } }"))
        #expect(text.hasSuffix("]\n"))
    }

    @Test func roundTripsAndWritesTheSameBytes() throws {
        let lock = try Self.sample()
        let text = lock.tomlText()
        let read = try PackageLock(text: text)
        #expect(read.tomlText() == text)
        #expect(read.packages.count == 4)
        #expect(read.environments == lock.environments)
        #expect(read.defaultGroups == lock.defaultGroups)
        // Input order does not matter.
        var shuffled = lock
        shuffled.packages.reverse()
        #expect(shuffled.tomlText() == text)
    }

    @Test func readsALockExportedByUV() throws {
        let lock = try PackageLock(text: try LockFixtures.text("uv-export.pylock.toml"), source: "uv-export.pylock.toml")
        #expect(lock.createdBy == "uv")
        #expect(lock.requiresPython?.description == ">=3.9")
        let numpy = lock.packages.filter { $0.name.normalized == "numpy" }
        #expect(numpy.compactMap(\.version).map(\.description).sorted() == ["2.0.2", "2.2.6", "2.4.6"])
        guard case .distributions(let sdist, let wheels) = try #require(numpy.first).source else {
            Issue.record("numpy should come from an index")
            return
        }
        #expect(sdist?.filename == "numpy-2.0.2.tar.gz")
        #expect(wheels.allSatisfy { $0.filename?.hasSuffix(".whl") == true && $0.sha256?.count == 64 && $0.uploadTime != nil })
        // Written by kiln and read back: the same text again (kiln spells out each file's
        // name, which uv leaves to the URL; so compare kiln's texts, not the models).
        let again = try PackageLock(text: lock.tomlText())
        #expect(again.tomlText() == lock.tomlText())
        #expect(again.packages.map { "\($0.name.normalized) \($0.version?.description ?? "")" }
                == lock.packages.map { "\($0.name.normalized) \($0.version?.description ?? "")" })
    }

    @Test func readsALockWrittenByPip() throws {
        let lock = try PackageLock(text: try LockFixtures.text("pip-lock.pylock.toml"), source: "pip-lock.pylock.toml")
        #expect(lock.createdBy == "pip")
        #expect(lock.packages.map(\.name.normalized) == ["idna", "pysocks"])
        guard case .distributions(nil, let wheels) = lock.packages[1].source else {
            Issue.record("pysocks should have wheels only")
            return
        }
        #expect(wheels.map(\.filename) == ["PySocks-1.7.1-py3-none-any.whl"])
    }

    @Test(arguments: [
        ("lock-version = \"1.0\"\ncreated-by = \"x\"\n[[packages]]\nname = \"a\"\n",
         "pylock.toml: packages[0]: has none of vcs, directory, archive, sdist or wheels: give one"),
        ("created-by = \"x\"\n", "pylock.toml: lock-version: is missing"),
        ("lock-version = \"2.0\"\ncreated-by = \"x\"\n",
         "pylock.toml: lock-version 2.0 is not supported (kiln reads 1.x); lock again with a kiln that knows it"),
        ("lock-version = \"1.0\"\ncreated-by = \"x\"\n[[packages]]\nname = \"a\"\nversion = \"1\"\nwheels = [{ url = \"https://x/a-1-py3-none-any.whl\", hashes = {} }]\n",
         "pylock.toml: packages[0].wheels[0].hashes: is empty: PEP 751 requires at least one hash"),
        ("lock-version = \"1.0\"\ncreated-by = \"x\"\n[[packages]]\nname = \"a\"\nversion = \"1\"\nwheels = [{ url = \"https://x/a-1-py3-none-any.whl\" }]\n",
         "pylock.toml: packages[0].wheels[0].hashes: is missing"),
        ("lock-version = \"1.0\"\ncreated-by = \"x\"\n[[packages]]\nname = \"a\"\nversion = \"not a version\"\nwheels = []\n",
         "pylock.toml: packages[0].version: \"not a version\" is not a valid version"),
        ("lock-version = \"1.0\"\ncreated-by = \"x\"\n[[packages]]\nname = \"a\"\nmarker = \"python_version >>\"\nwheels = []\n",
         "pylock.toml: packages[0].marker: \"python_version >>\" is not a valid marker"),
        ("lock-version = 1\n", "pylock.toml: lock-version: expected a string, found an integer"),
        ("lock-version = \"1.0\"\ncreated-by = \"x\"\n[[packages]]\nname = \"a\"\nversion = \"1\"\nwheels = [{ url = \"https://x/a-1-py3-none-any.whl\", hashes = { sha256 = \"abc\" } }]\n",
         "pylock.toml: packages[0].wheels[0].hashes: sha256 \"abc\" is not 64 hexadecimal digits"),
        ("lock-version = \"1.0\"\n[[packages]\n", "pylock.toml:2:"),
    ])
    func rejectsMalformedLocks(text: String, message: String) {
        #expect {
            _ = try PackageLock(text: text)
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    @Test func timestampsKeepTheirText() {
        #expect(LockTimestamp(rfc3339: "2024-08-26T20:19:40.123456Z")?.text == "2024-08-26T20:19:40.123456Z")
        #expect(LockTimestamp(rfc3339: "2024-08-26T20:19:40+00:00")?.text == "2024-08-26T20:19:40Z")
        #expect(LockTimestamp(rfc3339: "2024-08-26T20:19:40+02:00")?.text == "2024-08-26T20:19:40+02:00")
        #expect(LockTimestamp(rfc3339: "2024-08-26") == nil)
        #expect(LockTimestamp(rfc3339: "2024-08-26T20:19:40") == nil)
    }
}
