/// Why a string is not a wheel filename. Every case names the file.
public enum WheelFilenameError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingExtension(filename: String)
    case wrongPartCount(filename: String, found: Int)
    case invalidName(filename: String, name: String, reason: NameParseError)
    case invalidVersion(filename: String, version: String, reason: VersionParseError)
    case invalidBuildTag(filename: String, buildTag: String, problem: WheelBuildTag.Problem)
    /// The `{python}-{abi}-{platform}` parts are not a valid compressed tag set.
    case invalidTags(filename: String, reason: TagParseError)

    public var filename: String {
        switch self {
        case .missingExtension(let filename), .wrongPartCount(let filename, _),
            .invalidName(let filename, _, _), .invalidVersion(let filename, _, _),
            .invalidBuildTag(let filename, _, _), .invalidTags(let filename, _):
            return filename
        }
    }

    public var description: String {
        let prefix = "'\(filename)' is not a wheel filename: "
        let expected = "{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl"
        switch self {
        case .missingExtension:
            return prefix + "it does not end in '.whl'"
        case .wrongPartCount(_, let found):
            return prefix + "expected 5 or 6 dash-separated parts (\(expected)), found \(found)"
        case .invalidName(_, let name, let reason):
            return prefix + "the name '\(name)' is invalid (\(reason))"
        case .invalidVersion(_, let version, let reason):
            return prefix + "the version '\(version)' is invalid (\(reason))"
        case .invalidBuildTag(_, let buildTag, let problem):
            return prefix + "the build tag '\(buildTag)' is invalid: \(problem)"
        case .invalidTags(_, let reason):
            return prefix + "\(reason)"
        }
    }
}

/// Why a string is not a source distribution filename. Every case names the file.
public enum SdistFilenameError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownExtension(filename: String)
    /// No dash separates a name from a version (`foo1.0.tar.gz`).
    case missingVersion(filename: String)
    /// No dash splits the stem into a valid name and a PEP 440 version.
    case invalidVersion(filename: String, version: String, reason: VersionParseError)
    case invalidName(filename: String, name: String, reason: NameParseError)
    /// The caller said which package this is, and the filename does not start with it.
    case nameMismatch(filename: String, expected: PackageName)

    public var filename: String {
        switch self {
        case .unknownExtension(let filename), .missingVersion(let filename),
            .invalidVersion(let filename, _, _), .invalidName(let filename, _, _),
            .nameMismatch(let filename, _):
            return filename
        }
    }

    public var description: String {
        let prefix = "'\(filename)' is not a source distribution filename: "
        switch self {
        case .unknownExtension:
            let known = SdistFormat.allCases.map(\.fileExtension).joined(separator: ", ")
            return prefix + "unknown archive extension (expected one of \(known))"
        case .missingVersion:
            return prefix + "expected {name}-{version} before the extension, found no '-'"
        case .invalidVersion(_, let version, let reason):
            return prefix + "the version '\(version)' is invalid (\(reason))"
        case .invalidName(_, let name, let reason):
            return prefix + "the name '\(name)' is invalid (\(reason))"
        case .nameMismatch(_, let expected):
            return prefix + "it does not start with the package name '\(expected)' followed by '-'"
        }
    }
}
