/// The core metadata of a distribution (versions 1.0 to 2.4), as found in a wheel's
/// `METADATA` or an sdist's `PKG-INFO`, with the fields a resolver and installer need typed.
///
/// Build one with `CoreMetadata(parsing:source:)`. Fields absent from the file are nil or empty.
public struct CoreMetadata: Sendable, Equatable {
    public struct ProjectURL: Sendable, Equatable {
        public let label: String
        public let url: String

        public init(label: String, url: String) {
            self.label = label
            self.url = url
        }
    }

    public var metadataVersion: MetadataVersion
    public var name: PackageName
    public var version: Version
    public var summary: String?
    /// The body after the headers (2.1+), else the `Description` header with its continuation
    /// indentation removed.
    public var description: String?
    public var descriptionContentType: String?
    /// `Keywords`, split on commas.
    public var keywords: [String] = []
    public var homePage: String?
    public var downloadURL: String?
    public var author: String?
    public var authorEmail: String?
    public var maintainer: String?
    public var maintainerEmail: String?
    public var license: String?
    /// `License-Expression` (2.4), an SPDX expression kept as written.
    public var licenseExpression: String?
    /// `License-File` (2.4), paths relative to the `.dist-info/licenses` directory.
    public var licenseFiles: [String] = []
    public var classifiers: [String] = []
    public var platforms: [String] = []
    public var supportedPlatforms: [String] = []
    public var requiresDist: [Requirement] = []
    public var requiresPython: SpecifierSet?
    public var requiresExternal: [String] = []
    public var providesExtra: [ExtraName] = []
    /// `Provides-Extra` values that are not valid extra names. Old setuptools wrote some;
    /// they are kept aside (as uv does) so the caller can warn rather than fail.
    public var invalidProvidesExtra: [String] = []
    public var providesDist: [String] = []
    public var obsoletesDist: [String] = []
    public var projectURLs: [ProjectURL] = []
    /// `Dynamic` (2.2): fields an sdist's build may fill in differently, as written.
    public var dynamic: [String] = []

    public init(metadataVersion: MetadataVersion, name: PackageName, version: Version) {
        self.metadataVersion = metadataVersion
        self.name = name
        self.version = version
    }

    /// Whether a field is listed in `Dynamic` (field names are case-insensitive).
    public func isDynamic(_ field: String) -> Bool {
        let wanted = field.lowercased()
        return dynamic.contains { $0.lowercased() == wanted }
    }

    /// Whether an sdist's PKG-INFO can be trusted for resolution without building it
    /// (core metadata 2.2): the metadata version is at least 2.2, so that `Dynamic` exists and
    /// every field it does not list must match the built wheel, and neither the dependencies
    /// (`Requires-Dist`, plus `Provides-Extra`, which decides which of them apply) nor
    /// `Requires-Python` is dynamic.
    public var hasStaticDependencies: Bool {
        metadataVersion >= .v2_2
            && !isDynamic("Requires-Dist") && !isDynamic("Requires-Python") && !isDynamic("Provides-Extra")
    }
}
