/// The name rules shared by distribution names (PEP 508, PEP 503) and extra names (PEP 685).
enum NameNormalization {
    /// PEP 508: `^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$`, ASCII only, case-insensitive.
    static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        guard isASCIIAlphanumeric(first), isASCIIAlphanumeric(last) else { return false }
        return bytes.allSatisfy { isASCIIAlphanumeric($0) || isSeparator($0) }
    }

    /// PEP 503: lowercase, and every run of `-`, `_` and `.` becomes one `-`.
    /// Applied to any string (marker literals need it too), not only to valid names.
    static func normalize(_ name: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(name.utf8.count)
        var previousWasSeparator = false
        for byte in name.utf8 {
            if isSeparator(byte) {
                if !previousWasSeparator { result.append(UInt8(ascii: "-")) }
                previousWasSeparator = true
            } else {
                result.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
                previousWasSeparator = false
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }
}

/// Why a string is not a valid distribution or extra name.
public enum NameParseError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty(kind: String)
    case invalid(kind: String, name: String)

    public var description: String {
        switch self {
        case .empty(let kind):
            return "\(kind) must not be empty"
        case .invalid(let kind, let name):
            return "'\(name)' is not a valid \(kind): use ASCII letters, digits, '.', '-' and '_', "
                + "starting and ending with a letter or digit"
        }
    }
}
