import Lock
import PackagingModel

/// Why `kiln lock` could not make a lock.
public enum LockServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    case pyproject(String)
    case projectTableMissing(source: String)
    case requiresPythonMissing(source: String)
    /// `requires-python` (and `--python-max`) leave no Python minor to lock for.
    case noPythonToLockFor(requiresPython: String, maxMinor: Int)
    /// Resolving for one Python failed.
    case resolution(python: String, RequirementsError)
    /// The index lists a file without a hash, and a lock must record one.
    case unhashedFile(name: String, filename: String)
    /// The existing lock could not be read (for `--check` and kept pins).
    case existingLock(PylockError)

    public var description: String {
        switch self {
        case .pyproject(let message):
            return message
        case .projectTableMissing(let source):
            return "\(source) has no [project] table; kiln lock locks a project's dependencies"
        case .requiresPythonMissing(let source):
            return "\(source): [project] has no requires-python; add one (e.g. requires-python = \">=3.9\") so kiln knows which Pythons to lock for"
        case .noPythonToLockFor(let requiresPython, let maxMinor):
            return "requires-python \(requiresPython) admits no Python from 3.0 to 3.\(maxMinor); widen it or raise --python-max"
        case .resolution(let python, let error):
            return "resolving for Python \(python) failed: \(error)"
        case .unhashedFile(let name, let filename):
            return "the index gives no hash for \(filename) (\(name)); a lock records one for every file: use an index that lists hashes"
        case .existingLock(let error):
            return "the existing lock could not be read: \(error); remove it or fix it"
        }
    }
}
