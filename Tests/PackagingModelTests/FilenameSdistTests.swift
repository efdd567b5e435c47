import Testing
@testable import PackagingModel

@Suite struct SdistFilenameTests {
    /// pypa/packaging `test_parse_sdist_filename` and legacy names found on PyPI.
    @Test(arguments: [
        ("foo-1.0.tar.gz", "foo", "1.0", SdistFormat.tarGz),
        ("foo-1.0.zip", "foo", "1.0", .zip),
        ("foo_bar-1.0.tar.gz", "foo-bar", "1.0", .tarGz),
        ("python-dateutil-2.8.2.tar.gz", "python-dateutil", "2.8.2", .tarGz),
        ("zope.interface-5.4.0.tar.gz", "zope.interface", "5.4.0", .tarGz),
        ("Django-1.11.29.tar.gz", "django", "1.11.29", .tarGz),
        ("pywin32-ctypes-0.2.0.tar.bz2", "pywin32-ctypes", "0.2.0", .tarBz2),
        ("foo-bar-baz-1.0rc1.tar.xz", "foo-bar-baz", "1.0rc1", .tarXz),
        ("foo-1.0.tgz", "foo", "1.0", .tgz),
        ("Foo-1.0.ZIP", "foo", "1.0", .zip),
        ("foo-1!2.0.post1.tar", "foo", "1!2.0.post1", .tar),
        ("torch-2.3.0+cu118.tar.gz", "torch", "2.3.0+cu118", .tarGz),
    ])
    func parsesWithoutKnownName(_ filename: String, _ name: String, _ version: String, _ format: SdistFormat) throws {
        let sdist = try SdistFilename(filename)
        #expect(sdist.name == (try PackageName(name)))
        #expect(sdist.version == (try Version(version)))
        #expect(sdist.format == format)
        #expect(sdist.description == filename)
    }

    /// The last dash whose suffix is a version wins; `1.0-1` is a PEP 440 version (implicit
    /// post release), so without the package name the split is taken at the last dash.
    @Test func ambiguousSplitWithoutNameUsesLastVersionDash() throws {
        let sdist = try SdistFilename("foo-1.0-1.tar.gz")
        #expect(sdist.name == (try PackageName("foo-1.0")))
        #expect(sdist.version == (try Version("1")))
        // A suffix that is not a version moves the split left.
        let dashedName = try SdistFilename("foo-bar-1.0.tar.gz")
        #expect(dashedName.name == (try PackageName("foo-bar")))
        // No dash gives a version: the error reports the last suffix, the split most files mean.
        let error = try #require(throws: SdistFilenameError.self) { try SdistFilename("foo-1.0-linux.tar.gz") }
        guard case .invalidVersion(_, "linux", _) = error else { Issue.record("got \(error)"); return }
    }

    @Test func knownNameMakesTheSplitExact() throws {
        let sdist = try SdistFilename("foo-1.0-1.tar.gz", packageName: try PackageName("foo"))
        #expect(sdist.name == (try PackageName("foo")))
        #expect(sdist.version == (try Version("1.0.post1")))
        let dashed = try SdistFilename("python_dateutil-2.8.2.tar.gz", packageName: try PackageName("python-dateutil"))
        #expect(dashed.version == (try Version("2.8.2")))
        let dotted = try SdistFilename("Zope.Interface-5.4.0.zip", packageName: try PackageName("zope-interface"))
        #expect(dotted.version == (try Version("5.4.0")))
    }

    @Test func knownNameMismatchIsAnError() throws {
        let expected = try PackageName("bar")
        #expect(throws: SdistFilenameError.nameMismatch(filename: "foo-1.0.tar.gz", expected: expected)) {
            try SdistFilename("foo-1.0.tar.gz", packageName: expected)
        }
        let error = try #require(throws: SdistFilenameError.self) {
            try SdistFilename("foo-1.x.tar.gz", packageName: try PackageName("foo"))
        }
        guard case .invalidVersion(_, "1.x", _) = error else { Issue.record("got \(error)"); return }
    }

    /// pypa/packaging `test_parse_sdist_invalid_filename`.
    @Test func rejectsInvalidFilenames() throws {
        #expect(throws: SdistFilenameError.unknownExtension(filename: "foo-1.0.xz")) { try SdistFilename("foo-1.0.xz") }
        #expect(throws: SdistFilenameError.missingVersion(filename: "foo1.0.tar.gz")) { try SdistFilename("foo1.0.tar.gz") }
        let error = try #require(throws: SdistFilenameError.self) { try SdistFilename("foo-1.x.tar.gz") }
        guard case .invalidVersion(_, "1.x", _) = error else { Issue.record("got \(error)"); return }
        let badName = try #require(throws: SdistFilenameError.self) { try SdistFilename("foo#-1.0.tar.gz") }
        guard case .invalidName(_, "foo#", _) = badName else { Issue.record("got \(badName)"); return }
        #expect(throws: SdistFilenameError.self) { try SdistFilename(".tar.gz") }
        #expect(throws: SdistFilenameError.self) { try SdistFilename("-1.0.tar.gz") }
        #expect(throws: SdistFilenameError.self) { try SdistFilename("foo-.tar.gz") }
    }

    @Test func messagesNameTheFile() throws {
        let error = try #require(throws: SdistFilenameError.self) { try SdistFilename("foo1.0.tar.gz") }
        #expect(error.description == "'foo1.0.tar.gz' is not a source distribution filename: "
            + "expected {name}-{version} before the extension, found no '-'")
        #expect(error.filename == "foo1.0.tar.gz")
    }

    /// pypa/packaging `test_compose_sdist_filename`.
    @Test func composesPEP625Filename() throws {
        #expect(SdistFilename(name: try PackageName("foo"), version: try Version("1.0")).description == "foo-1.0.tar.gz")
        #expect(SdistFilename(name: try PackageName("Foo.Bar"), version: try Version("1.0-1")).description
            == "foo_bar-1.0.post1.tar.gz")
        #expect(try SdistFilename("foo_bar-1.0.tar.gz").isPEP625)
        #expect(try !SdistFilename("python-dateutil-2.8.2.tar.gz").isPEP625)
        #expect(try !SdistFilename("foo-1.0.zip").isPEP625)
    }

    @Test func equalityIgnoresSpelling() throws {
        #expect(try SdistFilename("Foo.Bar-1.0.tar.gz") == (try SdistFilename("foo_bar-1.0.0.tar.gz")))
        #expect(try SdistFilename("foo-1.0.tar.gz") != (try SdistFilename("foo-1.0.zip")))
    }
}
