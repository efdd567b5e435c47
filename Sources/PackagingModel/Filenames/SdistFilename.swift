/// The archive formats a source distribution comes in. PEP 625 allows only `.tar.gz`;
/// the others are legacy formats still found on indexes, all readable by libarchive.
public enum SdistFormat: String, Sendable, Hashable, CaseIterable {
    case tarGz, zip, tarBz2, tarXz, tarZst, tarLzma, tar, tgz, tbz, txz

    public var fileExtension: String {
        switch self {
        case .tarGz: ".tar.gz"
        case .zip: ".zip"
        case .tarBz2: ".tar.bz2"
        case .tarXz: ".tar.xz"
        case .tarZst: ".tar.zst"
        case .tarLzma: ".tar.lzma"
        case .tar: ".tar"
        case .tgz: ".tgz"
        case .tbz: ".tbz"
        case .txz: ".txz"
        }
    }

    /// The format a filename's extension names, and the filename without it.
    /// Extensions are matched case-insensitively (`Foo-1.0.ZIP` exists on old indexes).
    static func split(_ filename: String) -> (stem: Substring, format: SdistFormat)? {
        let lowered = filename.lowercased()
        // `.tar` must not shadow `.tar.gz`: try the longest extensions first.
        for format in allCases.sorted(by: { $0.fileExtension.count > $1.fileExtension.count })
        where lowered.hasSuffix(format.fileExtension) {
            return (filename.dropLast(format.fileExtension.count), format)
        }
        return nil
    }
}

/// A source distribution filename: `{name}-{version}{extension}`.
///
/// PEP 625 names are `{normalised_name}-{version}.tar.gz` with `_` for runs of `-_.`.
/// Older sdists kept the project's spelling, dashes included (`python-dateutil-2.8.2.tar.gz`),
/// so the split between name and version is ambiguous in general: given the package name
/// (from the index page being read) the split is exact; without it, the last dash whose
/// suffix is a valid version wins.
public struct SdistFilename: Sendable, Hashable, CustomStringConvertible {
    public let name: PackageName
    public let version: Version
    public let format: SdistFormat
    /// The filename as given, which `description` reproduces.
    private let filename: String

    public init(_ filename: String, packageName: PackageName? = nil) throws(SdistFilenameError) {
        guard let (stem, format) = SdistFormat.split(filename) else {
            throw .unknownExtension(filename: filename)
        }
        let dashes = stem.indices.filter { stem[$0] == "-" }
        guard !dashes.isEmpty else { throw .missingVersion(filename: filename) }

        if let packageName {
            (name, version) = try Self.split(stem, at: dashes, knownName: packageName, filename: filename)
        } else {
            (name, version) = try Self.split(stem, at: dashes, filename: filename)
        }
        self.format = format
        self.filename = filename
    }

    /// The canonical PEP 625 filename for a name and version.
    public init(name: PackageName, version: Version) {
        self.name = name
        self.version = version
        self.format = .tarGz
        self.filename = "\(FilenameEscaping.escape(name))-\(version)\(SdistFormat.tarGz.fileExtension)"
    }

    /// Whether the filename follows PEP 625 exactly (normalised name, normalised version,
    /// `.tar.gz`), which is what an index may require of new uploads.
    public var isPEP625: Bool {
        filename == SdistFilename(name: name, version: version).filename
    }

    public var description: String { filename }

    public static func == (lhs: SdistFilename, rhs: SdistFilename) -> Bool {
        lhs.name == rhs.name && lhs.version == rhs.version && lhs.format == rhs.format
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(version)
        hasher.combine(format)
    }

    private static func split(
        _ stem: Substring, at dashes: [Substring.Index], knownName: PackageName, filename: String
    ) throws(SdistFilenameError) -> (PackageName, Version) {
        for dash in dashes where NameNormalization.normalize(String(stem[..<dash])) == knownName.normalized {
            let versionText = String(stem[stem.index(after: dash)...])
            do {
                return (knownName, try Version(versionText))
            } catch {
                throw .invalidVersion(filename: filename, version: versionText, reason: error)
            }
        }
        throw .nameMismatch(filename: filename, expected: knownName)
    }

    private static func split(
        _ stem: Substring, at dashes: [Substring.Index], filename: String
    ) throws(SdistFilenameError) -> (PackageName, Version) {
        var firstVersionError: (String, VersionParseError)?
        for dash in dashes.reversed() {
            let versionText = String(stem[stem.index(after: dash)...])
            let version: Version
            do {
                version = try Version(versionText)
            } catch {
                // Report the last dash's failure: that is the split most filenames mean.
                if firstVersionError == nil { firstVersionError = (versionText, error) }
                continue
            }
            let nameText = String(stem[..<dash])
            do {
                return (try PackageName(nameText), version)
            } catch {
                throw .invalidName(filename: filename, name: nameText, reason: error)
            }
        }
        if let (versionText, error) = firstVersionError {
            throw .invalidVersion(filename: filename, version: versionText, reason: error)
        }
        throw .missingVersion(filename: filename)
    }
}
