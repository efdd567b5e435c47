/// The optional build tag of a wheel filename (`foo-1.0-2-py3-none-any.whl` has build `2`).
///
/// PEP 427: it must start with a digit and acts as a tie-breaker between two wheels of
/// the same version, compared as the leading number first, then the rest as a string —
/// so `2` < `10` and `1` < `1abc` < `1b`.
public struct WheelBuildTag: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The leading run of digits.
    public let number: Int
    /// Whatever follows the digits (often empty).
    public let rest: String

    /// Why a build tag was refused; `WheelFilenameError` adds the filename.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case doesNotStartWithDigit
        case numberTooLarge
        case invalidCharacter

        public var description: String {
            switch self {
            case .doesNotStartWithDigit: "a build tag must start with a digit"
            case .numberTooLarge: "the build number is too large"
            case .invalidCharacter: "only letters, digits, '_' and '.' may follow the build number"
            }
        }
    }

    public init(number: Int, rest: String = "") {
        self.number = number
        self.rest = rest
    }

    /// Parses `1000abc` → (1000, "abc").
    public init(parsing text: String) throws(Problem) {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { throw .doesNotStartWithDigit }
        guard let number = Int(digits) else { throw .numberTooLarge }
        let rest = text[digits.endIndex...]
        // The rest sits between dashes of a filename: `_` and `.` are fine, a dash cannot occur.
        guard rest.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" || $0 == "." })
        else { throw .invalidCharacter }
        self.init(number: number, rest: String(rest))
    }

    /// The tag as it appears in a filename. A number written with leading zeros (`007`)
    /// prints as `7`; `WheelFilename.description` keeps the original spelling.
    public var description: String { "\(number)\(rest)" }

    public static func < (lhs: WheelBuildTag, rhs: WheelBuildTag) -> Bool {
        (lhs.number, lhs.rest) < (rhs.number, rhs.rest)
    }
}
