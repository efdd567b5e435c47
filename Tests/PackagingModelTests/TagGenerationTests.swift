import Testing
@testable import PackagingModel

// Cases carried over from pypa/packaging tests/test_tags.py (TestCPythonABI, TestCPythonTags,
// TestGenericTags, TestPurePythonTags, TestCompatibleTags, TestSysTags).
@Suite struct TagGenerationTests {
    private func strings(_ tags: [PackagingModel.Tag]) -> [String] { tags.map(\.description) }

    private func expand(_ interpreter: String, _ abi: String, _ platforms: [String]) -> [String] {
        platforms.map { "\(interpreter)-\(abi)-\($0)" }
    }

    // MARK: CPython ABIs

    @Test func debugBuilds() {
        #expect(InterpreterABI.cpython(LanguageVersion(3, 7), build: CPythonBuild(debug: true, pymalloc: false)) == ["cp37d"])
        #expect(InterpreterABI.cpython(LanguageVersion(3, 7), build: CPythonBuild(debug: false, pymalloc: false)) == ["cp37"])
        #expect(InterpreterABI.cpython(LanguageVersion(3, 8), build: CPythonBuild(debug: true)) == ["cp38d", "cp38"])
        #expect(InterpreterABI.cpython(LanguageVersion(3, 8), build: CPythonBuild(debug: false)) == ["cp38"])
    }

    @Test(arguments: [(true, 7, true), (false, 7, false), (true, 8, false)])
    func pymallocMarksOnlyOldABIs(pymalloc: Bool, minor: Int, marked: Bool) {
        let abis = InterpreterABI.cpython(LanguageVersion(3, minor), build: CPythonBuild(pymalloc: pymalloc))
        #expect(abis == ["cp3\(minor)" + (marked ? "m" : "")])
    }

    @Test(arguments: [(true, 2, true), (false, 2, false), (true, 3, false)])
    func wideUnicodeMarksOnly32(wide: Bool, minor: Int, marked: Bool) {
        let abis = InterpreterABI.cpython(LanguageVersion(3, minor), build: CPythonBuild(pymalloc: false, wideUnicode: wide))
        #expect(abis == ["cp3\(minor)" + (marked ? "u" : "")])
    }

    @Test func freeThreadedBuilds() {
        #expect(InterpreterABI.cpython(LanguageVersion(3, 13), build: CPythonBuild(freeThreaded: true)) == ["cp313t"])
        #expect(InterpreterABI.cpython(LanguageVersion(3, 13), build: CPythonBuild(debug: true, freeThreaded: true)) == ["cp313td", "cp313t"])
        // Py_GIL_DISABLED means nothing before 3.13.
        #expect(InterpreterABI.cpython(LanguageVersion(3, 12), build: CPythonBuild(freeThreaded: true)) == ["cp312"])
    }

    // MARK: generic ABIs from EXT_SUFFIX

    @Test(arguments: [
        (".cpython-37m-darwin.so", ["cp37m"]),
        (".cpython-37m-x86_64-linux-gnu.so", ["cp37m"]),
        (".return_exactly_this.so", ["return_exactly_this"]),
        (".graalpy-38-native-x86_64-darwin.so", ["graalpy_38_native"]),
        (".cpython-313t-x86_64-linux-gnu.so", ["cp313t"]),
        ("..so", []),
        (".pypy39-pp73-x86_64-linux-gnu.so", ["pypy39_pp73"]),
        (".cp310-win_amd64.pyd", ["cp310"]),
    ])
    func genericABIFromExtensionSuffix(suffix: String, expected: [String]) {
        #expect(InterpreterABI.fromExtensionSuffix(suffix) == expected)
    }

    @Test(arguments: ["invalid", "", ".cpython.so", ".cpython-.so"])
    func malformedExtensionSuffixes(suffix: String) {
        #expect(InterpreterABI.fromExtensionSuffix(suffix) == nil)
    }

    // MARK: cpython_tags

    @Test func cpythonTagsWithDebugABIs() {
        let platforms = ["plat1", "plat2"]
        let result = CompatibleTags.cpython(pythonVersion: LanguageVersion(3, 11), abis: ["cp311d", "cp311"], platforms: platforms)
        var expected = expand("cp311", "cp311d", platforms) + expand("cp311", "cp311", platforms)
        expected += expand("cp311", "abi3", platforms) + expand("cp311", "none", platforms)
        for minor in stride(from: 10, through: 2, by: -1) { expected += expand("cp3\(minor)", "abi3", platforms) }
        #expect(strings(result) == expected)
    }

    @Test func cpythonTagsFor33() {
        let result = CompatibleTags.cpython(pythonVersion: LanguageVersion(3, 3), abis: ["cp33m"], platforms: ["plat1", "plat2"])
        #expect(strings(result) == [
            "cp33-cp33m-plat1", "cp33-cp33m-plat2", "cp33-abi3-plat1", "cp33-abi3-plat2",
            "cp33-none-plat1", "cp33-none-plat2", "cp32-abi3-plat1", "cp32-abi3-plat2",
        ])
    }

    @Test func freeThreadedUsesAbi3t() {
        let result = CompatibleTags.cpython(pythonVersion: LanguageVersion(3, 15), abis: ["cp315t"], platforms: ["platform"])
        var expected = ["cp315-cp315t-platform", "cp315-abi3t-platform", "cp315-none-platform"]
        for minor in stride(from: 14, through: 2, by: -1) { expected.append("cp3\(minor)-abi3t-platform") }
        #expect(strings(result) == expected)
        // An explicit abi3t in the list is not repeated.
        let explicit = CompatibleTags.cpython(pythonVersion: LanguageVersion(3, 15), abis: ["cp315t", "abi3t"], platforms: ["platform"])
        #expect(strings(explicit) == expected)
        #expect(result.allSatisfy { ["cp315t", "none", "abi3t"].contains($0.abi) })
    }

    @Test func gilBuildsUseAbi3Only() {
        let result = CompatibleTags.cpython(pythonVersion: LanguageVersion(3, 16), abis: ["cp316"], platforms: ["platform"])
        var expected = ["cp316-cp316-platform", "cp316-abi3-platform", "cp316-none-platform"]
        for minor in stride(from: 15, through: 2, by: -1) { expected.append("cp3\(minor)-abi3-platform") }
        #expect(strings(result) == expected)
    }

    @Test func cpythonEdgeVersions() {
        #expect(CompatibleTags.cpython(pythonVersion: LanguageVersion(3, 11), abis: ["whatever"], platforms: []).isEmpty)
        #expect(strings(CompatibleTags.cpython(pythonVersion: LanguageVersion(3), abis: ["abi"], platforms: ["plat"]))
            == ["cp3-abi-plat", "cp3-none-plat"])
        for abis in [[], ["abi3"], ["none"]] {
            #expect(strings(CompatibleTags.cpython(pythonVersion: LanguageVersion(3, 0), abis: abis, platforms: ["any"])) == ["cp30-none-any"])
        }
        #expect(strings(CompatibleTags.cpython(pythonVersion: LanguageVersion(3, 2), abis: ["cp32"], platforms: ["plat"]))
            == ["cp32-cp32-plat", "cp32-abi3-plat", "cp32-none-plat"])
        #expect(strings(CompatibleTags.cpython(pythonVersion: LanguageVersion(3, 1), abis: ["cp31"], platforms: ["plat"]))
            == ["cp31-cp31-plat", "cp31-none-plat"])
        #expect(strings(CompatibleTags.cpython(pythonVersion: LanguageVersion(2, 7), abis: ["cp27"], platforms: ["plat"]))
            == ["cp27-cp27-plat", "cp27-none-plat"])
    }

    // MARK: generic_tags

    @Test func genericTags() {
        #expect(strings(CompatibleTags.generic(interpreter: "sillywalk33", abis: ["abi"], platforms: ["plat1", "plat2"])) == [
            "sillywalk33-abi-plat1", "sillywalk33-abi-plat2", "sillywalk33-none-plat1", "sillywalk33-none-plat2",
        ])
        for abis in [[], ["none"]] {
            #expect(strings(CompatibleTags.generic(interpreter: "sillywalk34", abis: abis, platforms: ["plat1", "plat2"]))
                == ["sillywalk34-none-plat1", "sillywalk34-none-plat2"])
        }
        #expect(CompatibleTags.generic(interpreter: "sillywalk", abis: ["abi"], platforms: []).isEmpty)
    }

    // MARK: pure_python_tags and compatible_tags

    @Test func purePythonTags() {
        #expect(strings(CompatibleTags.purePython(pythonVersion: LanguageVersion(3, 3)))
            == ["py33-none-any", "py3-none-any", "py32-none-any", "py31-none-any", "py30-none-any"])
        #expect(strings(CompatibleTags.purePython(pythonVersion: LanguageVersion(3))) == ["py3-none-any"])
    }

    @Test func compatibleTags() {
        let platforms = ["plat1", "plat2"]
        let result = CompatibleTags.compatible(pythonVersion: LanguageVersion(3, 3), interpreter: "cp33", platforms: platforms)
        var expected: [String] = []
        for version in ["py33", "py3", "py32", "py31", "py30"] { expected += expand(version, "none", platforms) }
        expected += ["cp33-none-any", "py33-none-any", "py3-none-any", "py32-none-any", "py31-none-any", "py30-none-any"]
        #expect(strings(result) == expected)

        #expect(strings(CompatibleTags.compatible(pythonVersion: LanguageVersion(3), interpreter: "cp3", platforms: []))
            == ["cp3-none-any", "py3-none-any"])
        #expect(strings(CompatibleTags.compatible(pythonVersion: LanguageVersion(3), interpreter: "cp33", platforms: ["plat"]))
            == ["py3-none-plat", "cp33-none-any", "py3-none-any"])
        #expect(strings(CompatibleTags.compatible(pythonVersion: LanguageVersion(3, 1), interpreter: nil, platforms: ["plat"]))
            == ["py31-none-plat", "py3-none-plat", "py30-none-plat", "py31-none-any", "py3-none-any", "py30-none-any"])
    }

    @Test func compatibleTagsFor311() {
        let result = CompatibleTags.compatible(pythonVersion: LanguageVersion(3, 11), interpreter: "cp311", platforms: ["plat"])
        let versions = ["py311", "py3"] + stride(from: 10, through: 0, by: -1).map { "py3\($0)" }
        #expect(strings(result) == versions.map { "\($0)-none-plat" } + ["cp311-none-any"] + versions.map { "\($0)-none-any" })
    }

    // MARK: sys_tags

    @Test func cpythonTargetOrder() {
        let target = TagTarget(interpreter: .cpython(CPythonBuild()), pythonVersion: LanguageVersion(3, 12), platforms: ["linux_x86_64", "manylinux_2_17_x86_64"])
        let result = CompatibleTags.forTarget(target)
        #expect(result.first?.description == "cp312-cp312-linux_x86_64")
        #expect(result.last?.description == "py30-none-any")
        // The first ABI- and platform-agnostic tag is the interpreter's own.
        #expect(result.first { $0.abi == "none" && $0.platform == "any" }?.description == "cp312-none-any")
    }

    @Test func pypyTargetOrder() {
        let target = TagTarget(
            interpreter: .other(name: "pypy", abis: ["pypy310_pp73"]), pythonVersion: LanguageVersion(3, 10),
            interpreterVersion: "310", platforms: ["linux_x86_64"])
        let result = strings(CompatibleTags.forTarget(target))
        #expect(Array(result.prefix(2)) == ["pp310-pypy310_pp73-linux_x86_64", "pp310-none-linux_x86_64"])
        #expect(result.first { $0.hasSuffix("-none-any") } == "pp3-none-any")
        #expect(result.last == "py30-none-any")
    }

    @Test(arguments: [("cpython", "cp"), ("pypy", "pp"), ("jython", "jy"), ("ironpython", "ip"), ("sillywalk", "sillywalk")])
    func interpreterShortNames(name: String, short: String) {
        let kind: InterpreterKind = name == "cpython" ? .cpython(CPythonBuild()) : .other(name: name, abis: [])
        #expect(kind.shortName == short)
    }
}
