/// Where in a requirements file something was written.
public struct RequirementsFileLocation: Sendable, Hashable, CustomStringConvertible {
    public let file: String
    /// 1-based; for a continued line, the line it starts on.
    public let line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}

/// Why a requirements file cannot be used; always names the file and line.
public enum RequirementsFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The loader could not read a file (`reason` is its message).
    case unreadable(file: String, includedFrom: RequirementsFileLocation?, reason: String)
    case invalidRequirement(RequirementsFileLocation, text: String, reason: String)
    case unknownOption(RequirementsFileLocation, option: String)
    case missingValue(RequirementsFileLocation, option: String)
    case invalidHash(RequirementsFileLocation, value: String)
    /// `--hash` on a line without a requirement.
    case hashWithoutRequirement(RequirementsFileLocation)
    /// `-e` where it is not supported (requirements files, `kiln compile`); `kiln install -e DIR` is.
    case editableUnsupported(RequirementsFileLocation, target: String)
    case includeCycle(RequirementsFileLocation, file: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let includedFrom, let reason):
            let origin = includedFrom.map { " (included from \($0))" } ?? ""
            return "cannot read requirements file \(file)\(origin): \(reason)"
        case .invalidRequirement(let location, let text, let reason):
            return "\(location): '\(text)' is not a valid requirement: \(reason)"
        case .unknownOption(let location, let option):
            return "\(location): unknown option '\(option)' in a requirements file"
        case .missingValue(let location, let option):
            return "\(location): \(option) needs a value"
        case .invalidHash(let location, let value):
            return "\(location): '\(value)' is not a usable hash; write --hash=sha256:<64 hex digits>"
        case .hashWithoutRequirement(let location):
            return "\(location): --hash must follow a requirement on the same line"
        case .editableUnsupported(let location, let target):
            return "\(location): -e \(target): editable requirements are not supported here yet "
                + "(only on kiln install's command line: kiln install -e \(target)); list the project without -e"
        case .includeCycle(let location, let file):
            return "\(location): \(file) includes itself (directly or through other files)"
        }
    }
}
