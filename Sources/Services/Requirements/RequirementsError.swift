import BuildFrontend
import Index
import PackagingModel
import Resolver

/// Why resolving or installing requirements failed, with the package or file concerned.
public enum RequirementsError: Error, Equatable, Sendable, CustomStringConvertible {
    case resolution(ResolutionError)
    case index(IndexError)
    /// The resolver picked a version of which only an sdist can be used, and this run does not
    /// build (build requirements are installed from wheels only).
    case sdistNeedsBuild(name: PackageName, version: Version, filename: String)
    /// `--require-hashes` (or any `--hash` given) and this requirement has none.
    case missingHash(name: PackageName)
    /// The file's SHA-256 is not among the `--hash` values given for it.
    case hashNotAllowed(name: PackageName, filename: String, actual: String, allowed: [String])
    /// Building a chosen sdist or a local project failed.
    case build(BuildError)
    case install(String)
    /// Something kiln itself should have guaranteed did not hold (a bug, reported as one).
    case internalInconsistency(String)

    public var description: String {
        switch self {
        case .resolution(let error):
            return error.description
        case .index(let error):
            return error.description
        case .sdistNeedsBuild(let name, let version, let filename):
            return "\(name) \(version) has no wheel for this interpreter, only the source distribution \(filename), "
                + "and build requirements are installed from wheels only (pin a version with a wheel, or build one with kiln build-wheel and use --find-links)"
        case .missingHash(let name):
            return "hashes are required (--require-hashes, or --hash on other requirements) but \(name) has none; "
                + "add --hash=sha256:... for it (kiln compile --generate-hashes writes them)"
        case .hashNotAllowed(let name, let filename, let actual, let allowed):
            return "\(filename) (\(name)) has SHA-256 \(actual), which is not among the hashes required for it "
                + "(\(allowed.joined(separator: ", "))); the file may have been replaced, or the hashes are for another version"
        case .internalInconsistency(let what):
            return "internal error: \(what); this is a bug in kiln, please report it"
        case .build(let error):
            return error.description
        case .install(let message):
            return message
        }
    }
}
