/// Why a lock file could not be read, or a sync plan not made. Each names the file and, where
/// there is one, the key path (`packages[3].wheels[0].hashes`).
public enum PylockError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Not TOML at all.
    case malformedTOML(source: String, line: Int, column: Int, message: String)
    /// TOML, but not a PEP 751 lock: a key missing, of the wrong type, or an invalid value.
    case invalid(source: String, key: String, problem: String)
    /// A `lock-version` whose major version kiln does not know.
    case unsupportedVersion(source: String, version: String)
    /// The interpreter matches none of the lock's `environments`.
    case environmentNotCovered(source: String, environments: [String])
    /// The interpreter's version is outside the lock's `requires-python`.
    case pythonNotCovered(source: String, python: String, requiresPython: String)
    /// Two entries of one package both apply to this interpreter.
    case ambiguousPackage(source: String, name: String, versions: [String])
    /// An entry that applies here has no file this interpreter can install.
    case noInstallableFile(source: String, name: String, version: String, reason: String)
    /// An extra or group was asked for that the lock does not define.
    case unknownSelection(source: String, kind: String, name: String, known: [String])

    public var description: String {
        switch self {
        case .malformedTOML(let source, let line, let column, let message):
            return "\(source):\(line):\(column): not valid TOML: \(message)"
        case .invalid(let source, let key, let problem):
            return "\(source): \(key): \(problem)"
        case .unsupportedVersion(let source, let version):
            return "\(source): lock-version \(version) is not supported (kiln reads 1.x); lock again with a kiln that knows it"
        case .environmentNotCovered(let source, let environments):
            return "\(source): this interpreter matches none of the lock's environments (\(environments.joined(separator: "; "))); "
                + "lock again for this platform (kiln lock --platform)"
        case .pythonNotCovered(let source, let python, let requiresPython):
            return "\(source): Python \(python) is outside the lock's requires-python \(requiresPython); choose another interpreter with --python"
        case .ambiguousPackage(let source, let name, let versions):
            return "\(source): more than one entry of \(name) applies to this interpreter (\(versions.joined(separator: ", "))); "
                + "the lock's markers overlap: lock again"
        case .noInstallableFile(let source, let name, let version, let reason):
            return "\(source): \(name) \(version) has no file this interpreter can install: \(reason)"
        case .unknownSelection(let source, let kind, let name, let known):
            let listing = known.isEmpty ? "it defines none" : "it defines \(known.joined(separator: ", "))"
            return "\(source): the lock has no \(kind) \(name); \(listing)"
        }
    }
}
