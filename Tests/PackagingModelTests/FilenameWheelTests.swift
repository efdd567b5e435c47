import Testing
@testable import PackagingModel

/// A parsed wheel filename reduced to plain values, for table-driven expectations.
private struct WheelExpectation: Sendable, CustomTestStringConvertible {
    let filename: String
    let name: String
    let version: String
    let build: WheelBuildTag?
    let tags: Set<String>
    var testDescription: String { filename }
}

/// pypa/packaging tests/test_utils.py `test_parse_wheel_filename`, plus real wheels.
private let validWheels: [WheelExpectation] = [
    .init(filename: "foo-1.0-py3-none-any.whl", name: "foo", version: "1.0", build: nil, tags: ["py3-none-any"]),
    .init(filename: "some_PACKAGE-1.0-py3-none-any.whl", name: "some-package", version: "1.0", build: nil,
          tags: ["py3-none-any"]),
    .init(filename: "foo-1.0-1000-py3-none-any.whl", name: "foo", version: "1.0",
          build: WheelBuildTag(number: 1000, rest: ""), tags: ["py3-none-any"]),
    .init(filename: "foo-1.0-1000abc-py3-none-any.whl", name: "foo", version: "1.0",
          build: WheelBuildTag(number: 1000, rest: "abc"), tags: ["py3-none-any"]),
    .init(filename: "pyvirtualcam-0.13.0-cp310-cp310-manylinux2014_x86_64.manylinux_2_17_x86_64.whl",
          name: "pyvirtualcam", version: "0.13.0", build: nil,
          tags: ["cp310-cp310-manylinux2014_x86_64", "cp310-cp310-manylinux_2_17_x86_64"]),
    // Unsorted compressed sets parse (packaging: valid unless validate_order=True).
    .init(filename: "pyvirtualcam-0.13.0-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
          name: "pyvirtualcam", version: "0.13.0", build: nil,
          tags: ["cp310-cp310-manylinux2014_x86_64", "cp310-cp310-manylinux_2_17_x86_64"]),
    .init(filename: "foo-1.0-py3.py2-none-any.whl", name: "foo", version: "1.0", build: nil,
          tags: ["py2-none-any", "py3-none-any"]),
    .init(filename: "foo_bar-1.0-42-py2.py3-none-any.whl", name: "foo-bar", version: "1.0",
          build: WheelBuildTag(number: 42), tags: ["py2-none-any", "py3-none-any"]),
    // Real wheels from PyPI.
    .init(filename: "numpy-1.23.3-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
          name: "numpy", version: "1.23.3", build: nil,
          tags: ["cp310-cp310-manylinux_2_17_x86_64", "cp310-cp310-manylinux2014_x86_64"]),
    .init(filename: "black-24.4.2-py3-none-any.whl", name: "black", version: "24.4.2", build: nil,
          tags: ["py3-none-any"]),
    .init(filename: "cryptography-42.0.8-cp39-abi3-macosx_10_12_universal2.whl", name: "cryptography",
          version: "42.0.8", build: nil, tags: ["cp39-abi3-macosx_10_12_universal2"]),
    .init(filename: "torch-2.3.0+cu118-cp311-cp311-linux_x86_64.whl", name: "torch", version: "2.3.0+cu118",
          build: nil, tags: ["cp311-cp311-linux_x86_64"]),
    .init(filename: "six-1.16.0-py2.py3-none-any.whl", name: "six", version: "1.16.0", build: nil,
          tags: ["py2-none-any", "py3-none-any"]),
    // Dots and uppercase survive from older producers; PEP 427 asks consumers to accept them.
    .init(filename: "zope.interface-5.4.0-cp39-cp39-win_amd64.whl", name: "zope-interface", version: "5.4.0",
          build: nil, tags: ["cp39-cp39-win_amd64"]),
    .init(filename: "PyYAML-6.0.1-cp312-cp312-musllinux_1_1_x86_64.whl", name: "pyyaml", version: "6.0.1",
          build: nil, tags: ["cp312-cp312-musllinux_1_1_x86_64"]),
    .init(filename: "pip-24.0-1_local.x-py3-none-any.whl", name: "pip", version: "24.0",
          build: WheelBuildTag(number: 1, rest: "_local.x"), tags: ["py3-none-any"]),
]

@Suite struct WheelFilenameTests {
    @Test(arguments: validWheels)
    fileprivate func parsesValidFilename(_ expected: WheelExpectation) throws {
        let wheel = try WheelFilename(expected.filename)
        #expect(wheel.name == (try PackageName(expected.name)))
        #expect(wheel.version == (try Version(expected.version)))
        #expect(wheel.buildTag == expected.build)
        #expect(Set(wheel.tags.map(\.description)) == expected.tags)
        #expect(wheel.description == expected.filename)
    }

    /// packaging's `test_parse_wheel_invalid_filename`, with the reason kiln gives.
    @Test func rejectsInvalidFilenames() throws {
        #expect(throws: WheelFilenameError.wrongPartCount(filename: "foo-1.0.whl", found: 2)) {
            try WheelFilename("foo-1.0.whl")
        }
        #expect(throws: WheelFilenameError.missingExtension(filename: "foo-1.0-py3-none-any.wheel")) {
            try WheelFilename("foo-1.0-py3-none-any.wheel")
        }
        #expect(throws: WheelFilenameError.invalidBuildTag(
            filename: "foo-1.0-abc-py3-none-any.whl", buildTag: "abc", problem: .doesNotStartWithDigit)
        ) {
            try WheelFilename("foo-1.0-abc-py3-none-any.whl")
        }
        #expect(throws: WheelFilenameError.wrongPartCount(filename: "foo-1.0-200-py3-none-any-junk.whl", found: 7)) {
            try WheelFilename("foo-1.0-200-py3-none-any-junk.whl")
        }
        let badName = try #require(throws: WheelFilenameError.self) { try WheelFilename("foo#bar-1.0-py3-none-any.whl") }
        guard case .invalidName(_, "foo#bar", _) = badName else { Issue.record("got \(badName)"); return }
        let badVersion = try #require(throws: WheelFilenameError.self) { try WheelFilename("foobar-1.x-py3-none-any.whl") }
        guard case .invalidVersion(_, "1.x", _) = badVersion else { Issue.record("got \(badVersion)"); return }
    }

    @Test(arguments: [
        "foo-1.0-py3--any.whl", "foo-1.0-py3.-none-any.whl", "foo-1.0-py3-none-.whl", "foo-1.0-1-py3-none-.whl",
        "-1.0-py3-none-any.whl", "foo--py3-none-any.whl", "foo-1.0--py3-none-any.whl", ".whl", "",
        "foo-1.0-99999999999999999999999-py3-none-any.whl", "foo-1.0-1+x-py3-none-any.whl",
        // Not a valid PEP 508 name: kiln, like uv, keeps names ASCII (packaging accepts `foo_bár`).
        "foo_bár-1.0-py3-none-any.whl",
    ])
    func rejectsMalformedFilename(_ filename: String) {
        #expect(throws: WheelFilenameError.self) { try WheelFilename(filename) }
    }

    /// packaging rejects `foo__bar` because no conforming tool writes it; pip and uv accept
    /// it, and so does kiln: it is a valid name, and refusing a wheel on an index helps nobody.
    @Test func acceptsDoubleUnderscoreName() throws {
        #expect(try WheelFilename("foo__bar-1.0-py3-none-any.whl").name == (try PackageName("foo-bar")))
    }

    @Test func messageNamesTheFileAndTheProblem() throws {
        let error = try #require(throws: WheelFilenameError.self) { try WheelFilename("foo-1.0.whl") }
        #expect(error.description == "'foo-1.0.whl' is not a wheel filename: expected 5 or 6 dash-separated parts "
            + "({name}-{version}(-{build})?-{python}-{abi}-{platform}.whl), found 2")
        let tagError = try #require(throws: WheelFilenameError.self) { try WheelFilename("foo-1.0-py3--any.whl") }
        #expect(tagError.description.hasPrefix("'foo-1.0-py3--any.whl' is not a wheel filename: "))
    }

    @Test func equalityIsByNormalisedNameVersionBuildAndTagSet() throws {
        let a = try WheelFilename("Foo.Bar-1.0-py2.py3-none-any.whl")
        let b = try WheelFilename("foo_bar-1.0.0-py3.py2-none-any.whl")
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a.description != b.description)
        #expect(try WheelFilename("foo-1.0-py3-none-any.whl") != (try WheelFilename("foo-1.0-1-py3-none-any.whl")))
        #expect(try WheelFilename("foo-1.0-py310-none-any.whl") != (try WheelFilename("foo-1.0-py311-none-any.whl")))
        #expect(a.escapedName == "foo_bar")
    }

    @Test func partsAsWritten() throws {
        let wheel = try WheelFilename("numpy-2.0.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl")
        #expect(wheel.pythonTagPart == "cp312")
        #expect(wheel.abiTagPart == "cp312")
        #expect(wheel.platformTagPart == "manylinux_2_17_x86_64.manylinux2014_x86_64")
        #expect(wheel.tags.count == 2)
    }

    @Test func buildTagsOrderByNumberThenRest() throws {
        let ordered = ["1", "1abc", "1b", "2", "10", "10_a"].map { try? WheelBuildTag(parsing: $0) }
        #expect(ordered.allSatisfy { $0 != nil })
        let tags = ordered.compactMap { $0 }
        #expect(tags == tags.sorted())
        #expect(try WheelBuildTag(parsing: "007x") == WheelBuildTag(number: 7, rest: "x"))
    }
}
