import Testing
@testable import PackagingModel

/// pypa/packaging tests/metadata/everything.metadata: every field of the spec.
private let everythingMetadata = #"""
Metadata-Version: 2.6
Name: BeagleVote
Version: 1.0a2
Platform: ObscureUnix
Platform: RareDOS
Supported-Platform: RedHat 7.2
Supported-Platform: i386-win32-2791
Summary: A module for collecting votes from beagles.
Description-Content-Type: text/markdown; charset=UTF-8; variant=GFM
Keywords: dog,puppy,voting,election
Home-page: http://www.example.com/~cschultz/bvote/
Download-URL: …/BeagleVote-0.45.tgz
Author: C. Schultz, Universal Features Syndicate,
        Los Angeles, CA <cschultz@peanuts.example.com>
Author-email: "C. Schultz" <cschultz@example.com>
Maintainer: C. Schultz, Universal Features Syndicate,
        Los Angeles, CA <cschultz@peanuts.example.com>
Maintainer-email: "C. Schultz" <cschultz@example.com>
License: This software may only be obtained by sending the
        author a postcard, and then the user promises not
        to redistribute it.
License-Expression: Apache-2.0 OR BSD-2-Clause
License-File: LICENSE.APACHE
License-File: LICENSE.BSD
Classifier: Development Status :: 4 - Beta
Classifier: Environment :: Console (Text Based)
Provides-Extra: pdf
Requires-Dist: reportlab; extra == 'pdf'
Requires-Dist: pkginfo
Requires-Dist: PasteDeploy
Requires-Dist: zope.interface (>3.5.0)
Requires-Dist: pywin32 >1.0; sys_platform == 'win32'
Requires-Python: >=3
Requires-External: C
Requires-External: libpng (>=1.5)
Requires-External: make; sys_platform != "win32"
Project-URL: Bug Tracker, http://bitbucket.org/tarek/distribute/issues/
Project-URL: Documentation, https://example.com/BeagleVote
Provides-Dist: OtherProject
Provides-Dist: AnotherProject (3.4)
Provides-Dist: virtual_package; python_version >= "3.4"
Dynamic: Obsoletes-Dist
Import-Name: beaglevote
Import-Name: _beaglevote ; private
Import-Namespace: spam
Import-Namespace: _bacon ; private
ThisIsNotReal: Hello!

This description intentionally left blank.

"""#

private func parse(_ text: String) throws(CoreMetadataError) -> CoreMetadata {
    try CoreMetadata(parsing: text, source: "test/METADATA")
}

private let minimal = "Metadata-Version: 2.1\nName: foo\nVersion: 1.0\n"

@Suite struct CoreMetadataTests {
    /// packaging `test_complete`.
    @Test func everyField() throws {
        let metadata = try parse(everythingMetadata)
        #expect(metadata.metadataVersion == MetadataVersion(major: 2, minor: 6))
        #expect(metadata.name == (try PackageName("beaglevote")))
        #expect(metadata.name.original == "BeagleVote")
        #expect(metadata.version == (try Version("1.0a2")))
        #expect(metadata.platforms == ["ObscureUnix", "RareDOS"])
        #expect(metadata.supportedPlatforms == ["RedHat 7.2", "i386-win32-2791"])
        #expect(metadata.summary == "A module for collecting votes from beagles.")
        #expect(metadata.descriptionContentType == "text/markdown; charset=UTF-8; variant=GFM")
        #expect(metadata.keywords == ["dog", "puppy", "voting", "election"])
        #expect(metadata.homePage == "http://www.example.com/~cschultz/bvote/")
        #expect(metadata.downloadURL == "…/BeagleVote-0.45.tgz")
        #expect(metadata.author
            == "C. Schultz, Universal Features Syndicate,\n        Los Angeles, CA <cschultz@peanuts.example.com>")
        #expect(metadata.authorEmail == #""C. Schultz" <cschultz@example.com>"#)
        #expect(metadata.maintainer == metadata.author)
        #expect(metadata.maintainerEmail == #""C. Schultz" <cschultz@example.com>"#)
        #expect(metadata.license == "This software may only be obtained by sending the\n"
            + "        author a postcard, and then the user promises not\n        to redistribute it.")
        #expect(metadata.licenseExpression == "Apache-2.0 OR BSD-2-Clause")
        #expect(metadata.licenseFiles == ["LICENSE.APACHE", "LICENSE.BSD"])
        #expect(metadata.classifiers == ["Development Status :: 4 - Beta", "Environment :: Console (Text Based)"])
        #expect(metadata.providesExtra == [try ExtraName("pdf")])
        #expect(metadata.requiresDist == [
            try Requirement("reportlab; extra == 'pdf'"), try Requirement("pkginfo"), try Requirement("PasteDeploy"),
            try Requirement("zope.interface (>3.5.0)"), try Requirement("pywin32 >1.0; sys_platform == 'win32'"),
        ])
        #expect(metadata.requiresPython == (try SpecifierSet(">=3")))
        #expect(metadata.requiresExternal == ["C", "libpng (>=1.5)", #"make; sys_platform != "win32""#])
        #expect(metadata.projectURLs == [
            .init(label: "Bug Tracker", url: "http://bitbucket.org/tarek/distribute/issues/"),
            .init(label: "Documentation", url: "https://example.com/BeagleVote"),
        ])
        #expect(metadata.providesDist
            == ["OtherProject", "AnotherProject (3.4)", #"virtual_package; python_version >= "3.4""#])
        #expect(metadata.dynamic == ["Obsoletes-Dist"])
        #expect(metadata.description == "This description intentionally left blank.\n")
    }

    /// packaging `test_keywords`.
    @Test(arguments: [
        ("A", ["A"]), ("A ", ["A"]), (" A", ["A"]), ("A, B", ["A", "B"]), ("A,B", ["A", "B"]),
        (" A, B", ["A", "B"]), ("A,B ", ["A", "B"]), ("A B", ["A B"]),
    ])
    func keywords(_ given: String, _ expected: [String]) throws {
        #expect(try parse(minimal + "Keywords: \(given)").keywords == expected)
    }

    /// packaging `test_project_urls_parsing`.
    @Test(arguments: [
        ("", "", ""), ("A", "A", ""), ("A,B", "A", "B"), ("A, B", "A", "B"), (" A,B", "A", "B"),
        ("A,B ", "A", "B"), ("A,B,C", "A", "B,C"),
    ])
    func projectURL(_ given: String, _ label: String, _ url: String) throws {
        #expect(try parse(minimal + "Project-URL: \(given)").projectURLs == [.init(label: label, url: url)])
    }

    @Test(arguments: ["Metadata-Version", "Name", "Version"])
    func missingRequiredField(_ field: String) {
        let text = minimal.split(separator: "\n").filter { !$0.hasPrefix(field + ":") }.joined(separator: "\n")
        #expect(throws: CoreMetadataError.missingField(source: "test/METADATA", field: field)) { try parse(text) }
    }

    @Test func repeatedIdentityFieldIsAnError() {
        #expect(throws: CoreMetadataError.repeatedField(source: "test/METADATA", field: "Name", lines: [2, 4])) {
            try parse(minimal + "Name: bar\n")
        }
        #expect(throws: CoreMetadataError.self) { try parse(minimal + "Requires-Python: >=3\nRequires-Python: >=3.8") }
    }

    /// packaging `test_valid_metadata_version`, plus 2.0 (written by old bdist_wheel) and newer 2.x.
    @Test(arguments: ["1.0", "1.1", "1.2", "2.0", "2.1", "2.2", "2.3", "2.4", "2.5", "1.3"])
    func acceptedMetadataVersions(_ version: String) throws {
        let metadata = try parse("Metadata-Version: \(version)\nName: foo\nVersion: 1.0")
        #expect(metadata.metadataVersion.description == version)
    }

    @Test func unsupportedMajorVersion() throws {
        #expect(throws: CoreMetadataError.unsupportedMetadataVersion(
            source: "test/METADATA", version: MetadataVersion(major: 3, minor: 0))
        ) { try parse("Metadata-Version: 3.0\nName: foo\nVersion: 1.0") }
        for bad in ["2", "two", "2.1.1", "", "2.x"] {
            #expect(throws: CoreMetadataError.invalidMetadataVersion(source: "test/METADATA", line: 1, value: bad)) {
                try parse("Metadata-Version: \(bad)\nName: foo\nVersion: 1.0")
            }
        }
    }

    /// packaging `test_invalid_name` / `test_invalid_version`.
    @Test func invalidNameAndVersion() throws {
        let name = try #require(throws: CoreMetadataError.self) { try parse("Metadata-Version: 2.1\nName: -not-legal\nVersion: 1") }
        guard case .invalidName(_, 2, "-not-legal", _) = name else { Issue.record("got \(name)"); return }
        let version = try #require(throws: CoreMetadataError.self) { try parse("Metadata-Version: 2.1\nName: a\nVersion: a.b.c") }
        guard case .invalidVersion(_, 3, "a.b.c", _) = version else { Issue.record("got \(version)"); return }
    }

    /// packaging `test_invalid_requires_dist`: the error names the file, line and value.
    @Test func invalidRequiresDistNamesTheLine() throws {
        let text = minimal + "Requires-Dist: pkginfo\nRequires-Dist: -not-real\nRequires-Dist: zope.interface (>3.5.0)"
        let error = try #require(throws: CoreMetadataError.self) { try parse(text) }
        guard case .invalidRequiresDist("test/METADATA", 5, "-not-real", _) = error else {
            Issue.record("got \(error)")
            return
        }
        #expect(error.description.hasPrefix("test/METADATA line 5: Requires-Dist '-not-real' is not a valid requirement: "))
    }

    /// packaging `test_valid_requires_python` / `test_invalid_requires_python`.
    @Test(arguments: [">=3", ">2.6,!=3.0.*,!=3.1.*", "~=2.6"])
    func requiresPython(_ specifier: String) throws {
        #expect(try parse(minimal + "Requires-Python: \(specifier)").requiresPython == (try SpecifierSet(specifier)))
    }

    @Test func invalidRequiresPython() throws {
        let error = try #require(throws: CoreMetadataError.self) { try parse(minimal + "Requires-Python: NotReal") }
        guard case .invalidRequiresPython(_, 4, "NotReal", _) = error else { Issue.record("got \(error)"); return }
    }

    /// packaging `test_invalid_provides_extra` fails the whole file; kiln, like uv, keeps the
    /// valid extras and sets the invalid ones aside so that an old package still installs.
    @Test func invalidProvidesExtraIsSetAside() throws {
        let metadata = try parse(minimal + "Provides-Extra: pdf\nProvides-Extra: -Not-Valid\nProvides-Extra: ok")
        #expect(metadata.providesExtra == [try ExtraName("pdf"), try ExtraName("ok")])
        #expect(metadata.invalidProvidesExtra == ["-Not-Valid"])
    }

    /// packaging `test_disallowed_dynamic`.
    @Test(arguments: ["Name", "version", "Metadata-Version"])
    func forbiddenDynamic(_ field: String) {
        #expect(throws: CoreMetadataError.forbiddenDynamic(source: "test/METADATA", line: 4, field: field)) {
            try parse(minimal + "Dynamic: \(field)")
        }
    }

    @Test func bodyIsPreferredOverDescriptionHeader() throws {
        let metadata = try parse(minimal + "Description: old\n\nnew body\n")
        #expect(metadata.description == "new body\n")
        #expect(try parse(minimal + "Description: only header").description == "only header")
        #expect(try parse(minimal).description == nil)
    }

    /// The spec's Description convention: continuation lines carry 7 spaces and `|`, which
    /// keeps blank lines and indentation; distutils used 8 spaces.
    @Test func descriptionHeaderUnescaping() throws {
        let piped = try parse(minimal + "Description: first\n       |\n       |  indented\n       |last")
        #expect(piped.description == "first\n\n  indented\nlast")
        let spaced = try parse(minimal + "Description: first\n        second\n        \n        third")
        #expect(spaced.description == "first\nsecond\n\nthird")
    }

    @Test func isDynamicIgnoresCase() throws {
        let metadata = try parse("Metadata-Version: 2.2\nName: a\nVersion: 1\nDynamic: requires-dist")
        #expect(metadata.isDynamic("Requires-Dist"))
        #expect(!metadata.isDynamic("Summary"))
    }

    @Test func messages() {
        #expect(CoreMetadataError.missingField(source: "x.dist-info/METADATA", field: "Name").description
            == "x.dist-info/METADATA: the required field 'Name' is missing")
        #expect(CoreMetadataError.unsupportedMetadataVersion(
            source: "PKG-INFO", version: MetadataVersion(major: 3, minor: 0)).description
            == "PKG-INFO: Metadata-Version 3.0 is not supported (kiln reads 1.x and 2.x); upgrade kiln to read this distribution")
    }

    @Test func latin1BytesParse() throws {
        let bytes = Array((minimal + "Author: ").utf8) + [0xC9] + Array("ric\n".utf8)
        #expect(try CoreMetadata(parsing: bytes, source: "PKG-INFO").author == "Éric")
    }
}
