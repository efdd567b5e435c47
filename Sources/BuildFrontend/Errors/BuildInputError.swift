import PackagingModel

/// The input is wrong: no hook ran, or none could have.
public enum BuildInputError: Error, Sendable, Equatable, CustomStringConvertible {
    case sourceNotFound(String)
    case unsupportedSource(String)
    case invalidConfigSetting(String)
    /// The sdist could not be unpacked safely (the error names the archive and the member).
    case unpack(SdistUnpackError)
    case invalidPyProject(path: String, reason: String)
    case invalidPKGInfo(path: String, reason: String)
    case nameMismatch(file: String, expected: String, found: String)
    /// The target interpreter is outside the project's `Requires-Python`.
    case requiresPython(project: String, version: String, specifier: String, source: String, interpreter: String)
    case missingBuildRequirements(project: String, missing: [String])
    case backendReturnedNothing(hook: BuildHook, reason: String)
    case invalidBuildConstraint(file: String, reason: String)

    public var description: String {
        switch self {
        case .sourceNotFound(let path): return "\(path) does not exist"
        case .unsupportedSource(let source):
            return "\(source) is not an sdist (.tar.gz, .zip, .tar.bz2), a source tree with pyproject.toml or setup.py, or a name==version requirement"
        case .invalidConfigSetting(let option): return "invalid config setting '\(option)': expected KEY=VALUE"
        case .unpack(let error): return error.description
        case .invalidPyProject(let path, let reason): return "invalid \(path): \(reason)"
        case .invalidPKGInfo(let path, let reason): return "invalid \(path): \(reason)"
        case .nameMismatch(let file, let expected, let found):
            return "\(file) is named for \(expected), but its metadata says \(found)"
        case .requiresPython(let project, let version, let specifier, _, let interpreter):
            return "\(project) \(version) requires Python \(specifier); the target interpreter is \(interpreter)"
        case .missingBuildRequirements(let project, let missing):
            return "the build requirements of \(project) are not installed in the target interpreter: \(missing.joined(separator: ", "))"
        case .backendReturnedNothing(let hook, let reason): return "\(hook.rawValue) returned an unusable result: \(reason)"
        case .invalidBuildConstraint(let file, let reason): return "invalid build constraint file \(file): \(reason)"
        }
    }

    public var hint: String? {
        switch self {
        case .requiresPython(_, _, _, let source, _):
            return "the bound comes from \(source); choose another interpreter with --python"
        case .missingBuildRequirements:
            return "install them into that interpreter, drop --no-isolation, or pass --skip-dependency-check"
        default:
            return nil
        }
    }
}
