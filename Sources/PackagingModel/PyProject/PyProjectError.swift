/// Why a pyproject.toml cannot be used. Every case names the file (`source`) and, where
/// there is one, the key path of the offending value.
public enum PyProjectError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not TOML; line and column are 1-based, as TOMLKit reports them.
    case malformedTOML(source: String, line: Int, column: Int, message: String)
    case wrongType(source: String, keyPath: String, expected: String, found: String)
    case missingKey(source: String, keyPath: String)
    case invalidRequirement(source: String, keyPath: String, value: String, reason: RequirementParseError)
    case invalidName(source: String, keyPath: String, value: String, reason: NameParseError)
    case invalidVersion(source: String, keyPath: String, value: String, reason: VersionParseError)
    case invalidSpecifier(source: String, keyPath: String, value: String, reason: SpecifierParseError)

    /// A key `[build-system]` does not define (PEP 518 reserves the table), with the key
    /// it most likely meant (`build_backend` → `build-backend`).
    case unknownBuildSystemKey(source: String, key: String, suggestion: String?)
    /// `[build_system]` or similar while there is no `[build-system]`: without this error the
    /// project would silently be built with the default setuptools backend.
    case misspelledTable(source: String, found: String, expected: String)
    case emptyBuildBackend(source: String)
    /// A `backend-path` entry that is absolute or leaves the project directory.
    case backendPathOutsideProject(source: String, keyPath: String, path: String)

    /// `project.version` is neither given nor listed in `project.dynamic`.
    case missingVersion(source: String)
    /// A `[project]` field is given a value and also listed in `project.dynamic`.
    case staticAndDynamic(source: String, field: String)
    /// `name` may never be dynamic (PEP 621).
    case nameIsDynamic(source: String)

    /// Two dependency groups whose names normalise to the same name (`Test` and `test`).
    case duplicateDependencyGroup(source: String, names: [String])
    /// A table in a dependency group other than `{include-group = "..."}`.
    case invalidDependencyGroupEntry(source: String, keyPath: String)
    case unknownDependencyGroup(source: String, group: String, includedFrom: String?)
    /// The groups of the cycle, in include order, starting and ending with the same group.
    case dependencyGroupCycle(source: String, cycle: [String])

    public var description: String {
        switch self {
        case .malformedTOML(let source, let line, let column, let message):
            return "\(source):\(line):\(column): not valid TOML: \(message)"
        case .wrongType(let source, let keyPath, let expected, let found):
            return "\(source): \(keyPath): expected \(expected), found \(found)"
        case .missingKey(let source, let keyPath):
            return "\(source): \(keyPath) is required but missing"
        case .invalidRequirement(let source, let keyPath, let value, let reason):
            return "\(source): \(keyPath): '\(value)' is not a valid requirement: \(reason)"
        case .invalidName(let source, let keyPath, let value, let reason):
            return "\(source): \(keyPath): '\(value)' is not a valid name: \(reason)"
        case .invalidVersion(let source, let keyPath, let value, let reason):
            return "\(source): \(keyPath): '\(value)' is not a valid version: \(reason)"
        case .invalidSpecifier(let source, let keyPath, let value, let reason):
            return "\(source): \(keyPath): '\(value)' is not a valid version specifier: \(reason)"
        case .unknownBuildSystemKey(let source, let key, let suggestion):
            let hint = suggestion.map { "; did you mean '\($0)'?" }
                ?? " (known keys: requires, build-backend, backend-path)"
            return "\(source): unknown key '\(key)' in [build-system]\(hint)"
        case .misspelledTable(let source, let found, let expected):
            return "\(source): found [\(found)] but no [\(expected)]; did you mean [\(expected)]?"
        case .emptyBuildBackend(let source):
            return "\(source): build-system.build-backend is empty; name a backend like 'setuptools.build_meta' "
                + "or remove the key"
        case .backendPathOutsideProject(let source, let keyPath, let path):
            return "\(source): \(keyPath): '\(path)' must be a relative path inside the project directory"
        case .missingVersion(let source):
            return "\(source): project.version is missing; set it, or list \"version\" in project.dynamic "
                + "if the build backend computes it"
        case .staticAndDynamic(let source, let field):
            return "\(source): project.\(field) is given a value and also listed in project.dynamic; "
                + "remove one of them"
        case .nameIsDynamic(let source):
            return "\(source): project.dynamic must not contain \"name\": the name is always static"
        case .duplicateDependencyGroup(let source, let names):
            return "\(source): dependency groups \(names.map { "'\($0)'" }.joined(separator: " and ")) "
                + "have the same normalised name"
        case .invalidDependencyGroupEntry(let source, let keyPath):
            return "\(source): \(keyPath): expected a requirement string or a table {include-group = \"...\"}"
        case .unknownDependencyGroup(let source, let group, let includedFrom):
            let context = includedFrom.map { " (included from '\($0)')" } ?? ""
            return "\(source): there is no dependency group '\(group)'\(context)"
        case .dependencyGroupCycle(let source, let cycle):
            return "\(source): dependency groups include each other in a cycle: "
                + cycle.joined(separator: " -> ")
        }
    }
}
