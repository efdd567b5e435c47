import Testing
@testable import PackagingModel

@Suite struct NameTests {
    @Test(arguments: [
        ("Django", "django"), ("oslo.concurrency", "oslo-concurrency"), ("requests", "requests"),
        ("Foo__Bar..baz-_-Qux", "foo-bar-baz-qux"), ("zope.interface", "zope-interface"), ("A", "a"),
    ])
    func packageNamesNormalise(_ name: String, _ normalized: String) throws {
        let packageName = try PackageName(name)
        #expect(packageName.normalized == normalized)
        #expect(packageName.original == name)
        #expect(packageName.description == name)
        #expect(packageName == (try PackageName(normalized)))
        #expect(packageName.hashValue == (try PackageName(normalized)).hashValue)
    }

    @Test(arguments: ["", "-foo", "foo-", "foo_", ".foo", "foo bar", "fóo", "foo+bar", "_"])
    func invalidPackageNamesAreRejected(_ name: String) {
        #expect(throws: NameParseError.self) { try PackageName(name) }
    }

    @Test func errorsSayWhatIsAllowed() {
        #expect(throws: NameParseError.empty(kind: "package name")) { try PackageName("") }
        #expect(NameParseError.invalid(kind: "extra name", name: "a b").description
            == "'a b' is not a valid extra name: use ASCII letters, digits, '.', '-' and '_', starting and ending with a letter or digit")
    }

    @Test func extraNamesCompareNormalised() throws {
        // PEP 685: all of these name the same extra.
        let spellings = ["Security", "security", "SECURITY"].map { try? ExtraName($0) }
        #expect(Set(spellings.compactMap { $0 }).count == 1)
        #expect(try ExtraName("all_blue") == ExtraName("all---blue"))
        #expect(try ExtraName("cRazy_BUnches").normalized == "crazy-bunches")
        #expect(throws: NameParseError.self) { try ExtraName("bad extra") }
    }
}
