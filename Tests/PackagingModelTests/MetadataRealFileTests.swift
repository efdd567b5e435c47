import Testing
@testable import PackagingModel

/// Real METADATA and PKG-INFO files (MetadataFixtures.swift) and the static-metadata rule
/// a resolver uses to read an sdist without building it.
@Suite struct MetadataRealFileTests {
    @Test func blackWheel() throws {
        let metadata = try CoreMetadata(parsing: MetadataFixtures.blackWheelMetadata, source: "black/METADATA")
        #expect(metadata.metadataVersion == .v2_3)
        #expect(metadata.name == (try PackageName("black")))
        #expect(metadata.version == (try Version("24.4.2")))
        #expect(metadata.requiresPython == (try SpecifierSet(">=3.8")))
        #expect(metadata.requiresDist.count == 13)
        #expect(metadata.requiresDist.first == (try Requirement("click>=8.0.0")))
        #expect(metadata.requiresDist.map(\.name.normalized).contains("aiohttp"))
        #expect(metadata.providesExtra.map(\.normalized) == ["colorama", "d", "jupyter", "uvloop"])
        #expect(metadata.authorEmail == "Łukasz Langa <lukasz@langa.pl>")
        #expect(metadata.licenseFiles == ["AUTHORS.md", "LICENSE"])
        #expect(metadata.projectURLs.map(\.label) == ["Changelog", "Homepage"])
        #expect(metadata.keywords.count == 7)
        #expect(metadata.classifiers.count == 14)
        #expect(metadata.descriptionContentType == "text/markdown")
        #expect(metadata.description?.hasPrefix("[![Black Logo]") == true)
    }

    /// setuptools marks `requires-python` and `provides-extra` dynamic in psutil 7.0.0's
    /// PKG-INFO: the resolver must build it (or use the wheel) to learn them.
    @Test func psutilSdistHasDynamicDependencies() throws {
        let metadata = try CoreMetadata(parsing: MetadataFixtures.psutilSdistPKGInfo, source: "psutil-7.0.0/PKG-INFO")
        #expect(metadata.metadataVersion == .v2_2)
        #expect(metadata.dynamic.count == 12)
        #expect(metadata.isDynamic("Requires-Python"))
        #expect(metadata.isDynamic("Provides-Extra"))
        #expect(!metadata.isDynamic("Requires-Dist"))
        #expect(metadata.requiresDist.count == 25)
        #expect(!metadata.hasStaticDependencies)
    }

    @Test func charsetNormalizerSdistIsStatic() throws {
        let metadata = try CoreMetadata(
            parsing: MetadataFixtures.charsetNormalizerSdistPKGInfo, source: "charset_normalizer-3.4.2/PKG-INFO")
        #expect(metadata.metadataVersion == .v2_4)
        #expect(metadata.dynamic == ["license-file"])
        #expect(metadata.licenseFiles == ["LICENSE"])
        #expect(metadata.requiresPython == (try SpecifierSet(">=3.7")))
        #expect(metadata.providesExtra == [try ExtraName("unicode-backport")])
        #expect(metadata.projectURLs.count == 4)
        #expect(metadata.hasStaticDependencies)
    }

    /// Metadata-Version 1.1 with the long description in an 8-space folded `Description` header.
    @Test func sixLegacySdist() throws {
        let metadata = try CoreMetadata(parsing: MetadataFixtures.sixLegacyPKGInfo, source: "six-1.10.0/PKG-INFO")
        #expect(metadata.metadataVersion == .v1_1)
        #expect(metadata.version == (try Version("1.10.0")))
        #expect(metadata.requiresDist.isEmpty)
        #expect(metadata.platforms == ["UNKNOWN"])
        #expect(metadata.classifiers.count == 6)
        let description = try #require(metadata.description)
        #expect(description.hasPrefix("Six is a Python 2 and 3 compatibility library.  It provides utility functions\n"
            + "for smoothing over"))
        #expect(description.contains("\n\nSix supports every Python version since 2.6."))
        // Before 2.2 there is no Dynamic field, so nothing in an sdist is promised to be static.
        #expect(!metadata.hasStaticDependencies)
    }

    @Test(arguments: [
        ("2.1", [String](), false),
        ("2.2", [], true),
        ("2.4", ["license-file", "Summary"], true),
        ("2.2", ["Requires-Dist"], false),
        ("2.3", ["requires-python"], false),
        ("2.2", ["Provides-Extra"], false),
        ("3.0", [], false),
    ])
    func staticDependencyRule(_ version: String, _ dynamic: [String], _ expected: Bool) throws {
        let text = "Metadata-Version: \(version)\nName: a\nVersion: 1\n" + dynamic.map { "Dynamic: \($0)\n" }.joined()
        let metadata = try? CoreMetadata(parsing: text, source: "PKG-INFO")
        #expect((metadata?.hasStaticDependencies ?? false) == expected)
    }
}
