/// One requirement from a requirements file (or the command line), with its `--hash` values.
public struct RequirementEntry: Sendable, Hashable {
    public let requirement: Requirement
    /// Lowercase hex SHA-256 digests from `--hash=sha256:...`; empty when none were given.
    public let sha256: [String]
    /// nil for requirements given on the command line.
    public let location: RequirementsFileLocation?

    public init(requirement: Requirement, sha256: [String] = [], location: RequirementsFileLocation? = nil) {
        self.requirement = requirement
        self.sha256 = sha256
        self.location = location
    }
}

/// `--no-binary` / `--only-binary` values: `:all:`, `:none:` (clears earlier names), or names.
public enum BinarySelection: Sendable, Hashable {
    case all
    case names(Set<PackageName>)

    public static let none = BinarySelection.names([])

    /// Applies one option value (comma-separated) on top of `self`.
    public func adding(_ value: String) throws(NameParseError) -> BinarySelection {
        var current = self
        for item in value.split(separator: ",").map({ $0.trimmedOfWhitespace() }) where !item.isEmpty {
            switch item {
            case ":all:": current = .all
            case ":none:": current = .none
            default:
                let name = try PackageName(String(item))
                if case .names(let names) = current { current = .names(names.union([name])) }
            }
        }
        return current
    }
}

/// Everything a set of requirements files says: requirements, constraints and the index and
/// binary options written in them.
public struct RequirementsFileContents: Sendable, Hashable {
    public var requirements: [RequirementEntry] = []
    public var constraints: [RequirementEntry] = []
    public var indexURL: String?
    public var extraIndexURLs: [String] = []
    public var findLinks: [String] = []
    public var noIndex = false
    /// `--pre`: pre-releases allowed.
    public var prereleases = false
    public var noBinary: BinarySelection = .none
    public var onlyBinary: BinarySelection = .none
    public var preferBinary = false
    public var requireHashes = false

    public init() {}
}

extension Substring {
    func trimmedOfWhitespace() -> Substring {
        var text = self
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }
}
