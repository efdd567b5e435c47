/// Why a METADATA or PKG-INFO file cannot be used. `source` names the file
/// (`numpy-2.0.0.dist-info/METADATA`, `foo-1.0.tar.gz:foo-1.0/PKG-INFO`); `line` is 1-based.
public enum CoreMetadataError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingField(source: String, field: String)
    /// A field that identifies the distribution appears more than once, so it is ambiguous.
    case repeatedField(source: String, field: String, lines: [Int])
    case invalidMetadataVersion(source: String, line: Int, value: String)
    /// A `Metadata-Version` major kiln does not know: the spec says to stop, not guess.
    case unsupportedMetadataVersion(source: String, version: MetadataVersion)
    case invalidName(source: String, line: Int, value: String, reason: NameParseError)
    case invalidVersion(source: String, line: Int, value: String, reason: VersionParseError)
    case invalidRequiresDist(source: String, line: Int, value: String, reason: RequirementParseError)
    case invalidRequiresPython(source: String, line: Int, value: String, reason: SpecifierParseError)
    /// `Dynamic: Name` (or Version, Metadata-Version): the spec forbids it.
    case forbiddenDynamic(source: String, line: Int, field: String)

    public var description: String {
        switch self {
        case .missingField(let source, let field):
            return "\(source): the required field '\(field)' is missing"
        case .repeatedField(let source, let field, let lines):
            let where_ = lines.map(String.init).joined(separator: ", ")
            return "\(source): the field '\(field)' appears more than once (lines \(where_)); it must appear once"
        case .invalidMetadataVersion(let source, let line, let value):
            return "\(source) line \(line): Metadata-Version '\(value)' is not a version like '2.1'"
        case .unsupportedMetadataVersion(let source, let version):
            return "\(source): Metadata-Version \(version) is not supported (kiln reads 1.x and 2.x); "
                + "upgrade kiln to read this distribution"
        case .invalidName(let source, let line, let value, let reason):
            return "\(source) line \(line): Name '\(value)' is invalid: \(reason)"
        case .invalidVersion(let source, let line, let value, let reason):
            return "\(source) line \(line): Version '\(value)' is invalid: \(reason)"
        case .invalidRequiresDist(let source, let line, let value, let reason):
            return "\(source) line \(line): Requires-Dist '\(value)' is not a valid requirement: \(reason)"
        case .invalidRequiresPython(let source, let line, let value, let reason):
            return "\(source) line \(line): Requires-Python '\(value)' is invalid: \(reason)"
        case .forbiddenDynamic(let source, let line, let field):
            return "\(source) line \(line): '\(field)' must not be listed in Dynamic"
        }
    }
}
