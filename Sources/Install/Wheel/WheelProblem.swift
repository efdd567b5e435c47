/// One thing wrong with a wheel. Validation gathers all of them before refusing, so the user sees
/// every problem at once rather than one per attempt.
public enum WheelProblem: Equatable, Sendable, CustomStringConvertible {
    case unsafePath(member: String, reason: String)
    case escapesScheme(member: String, scheme: String)
    case symlink(member: String)
    case controlCharacter(member: String)
    case notUTF8(member: String)
    case duplicateMember(String)
    case distInfoCount(found: [String])
    case distInfoMismatch(directory: String, filename: String)
    case dataDirectoryMismatch(directory: String)
    case unknownScheme(member: String, scheme: String)
    case missingRequiredFile(String)
    case notInRecord(member: String)
    case recordedButAbsent(path: String)
    case hashMismatch(member: String, recorded: String, actual: String)
    case sizeMismatch(member: String, recorded: UInt64, actual: UInt64)
    case missingHash(member: String)
    case unsupportedHash(member: String, algorithm: String)
    case exceedsDeclaredSize(member: String, declared: UInt64)
    case unreadableMember(member: String, reason: String)
    case unsupportedWheelVersion(String)
    case metadataMismatch(field: String, metadata: String, filename: String)
    case malformed(file: String, reason: String)

    public var description: String {
        switch self {
        case .unsafePath(let member, let reason): return "member '\(member)' \(reason)"
        case .escapesScheme(let member, let scheme): return "member '\(member)' escapes its .data/\(scheme) directory"
        case .symlink(let member): return "member '\(member)' is a symbolic link (wheels may hold only regular files)"
        case .controlCharacter(let member): return "member name '\(member)' contains a NUL or newline"
        case .notUTF8(let member): return "member name '\(member)' is not valid UTF-8"
        case .duplicateMember(let member): return "member '\(member)' appears more than once"
        case .distInfoCount(let found):
            return found.isEmpty ? "no .dist-info directory" : "more than one .dist-info directory: \(found.joined(separator: ", "))"
        case .distInfoMismatch(let directory, let filename):
            return "\(directory) does not match the wheel's name and version (\(filename))"
        case .dataDirectoryMismatch(let directory): return "a second .data directory, \(directory), for the same name and version"
        case .unknownScheme(let member, let scheme): return "member '\(member)' uses an unknown .data scheme '\(scheme)'"
        case .missingRequiredFile(let file): return "\(file) is missing"
        case .notInRecord(let member): return "member '\(member)' is not listed in RECORD"
        case .recordedButAbsent(let path): return "RECORD lists '\(path)', which the wheel does not contain"
        case .hashMismatch(let member, let recorded, let actual):
            return "member '\(member)' has hash \(actual) but RECORD says \(recorded)"
        case .sizeMismatch(let member, let recorded, let actual):
            return "member '\(member)' has \(actual) bytes but RECORD says \(recorded)"
        case .missingHash(let member): return "RECORD has no hash for '\(member)'"
        case .unsupportedHash(let member, let algorithm): return "RECORD uses unsupported hash '\(algorithm)' for '\(member)'"
        case .exceedsDeclaredSize(let member, let declared):
            return "member '\(member)' expands past its declared size of \(declared) bytes (zip bomb?)"
        case .unreadableMember(let member, let reason): return "member '\(member)' cannot be read: \(reason)"
        case .unsupportedWheelVersion(let version): return "Wheel-Version \(version) is not supported (kiln reads 1.x)"
        case .metadataMismatch(let field, let metadata, let filename):
            return "METADATA \(field) '\(metadata)' disagrees with the filename's '\(filename)'"
        case .malformed(let file, let reason): return "\(file) is malformed: \(reason)"
        }
    }
}

/// Member names can hold anything; show them with control characters made visible.
func printableMemberName(_ raw: [UInt8]) -> String {
    var text = ""
    for scalar in String(decoding: raw, as: UTF8.self).unicodeScalars {
        switch scalar {
        case "\0": text += "\\0"
        case "\n": text += "\\n"
        case "\r": text += "\\r"
        default: text.unicodeScalars.append(scalar)
        }
    }
    return text
}
