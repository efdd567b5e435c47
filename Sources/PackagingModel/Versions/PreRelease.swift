/// The pre-release part of a version: `a1`, `b2`, `rc3`.
public struct PreRelease: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Alpha sorts before beta, which sorts before release candidate.
    public enum Kind: Int, Sendable, Hashable, Comparable, CaseIterable {
        case alpha, beta, releaseCandidate

        public var label: String {
            switch self {
            case .alpha: "a"
            case .beta: "b"
            case .releaseCandidate: "rc"
            }
        }

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public let kind: Kind
    public let number: Int

    public init(kind: Kind, number: Int) {
        self.kind = kind
        self.number = number
    }

    public var description: String { "\(kind.label)\(number)" }

    public static func < (lhs: PreRelease, rhs: PreRelease) -> Bool {
        (lhs.kind, lhs.number) < (rhs.kind, rhs.number)
    }
}

/// One dot-separated part of a local version label (`+ubuntu.1`).
///
/// Numeric parts may be longer than any integer type (some builds put dates or
/// hashes there), so they are kept as digit strings without leading zeros.
public enum LocalSegment: Sendable, Hashable, Comparable, CustomStringConvertible {
    case number(digits: String)
    case text(String)

    public var description: String {
        switch self {
        case .number(let digits): digits
        case .text(let text): text
        }
    }

    /// PEP 440: numeric parts sort after alphanumeric ones; numbers compare by value.
    public static func < (lhs: LocalSegment, rhs: LocalSegment) -> Bool {
        switch (lhs, rhs) {
        case (.text, .number):
            return true
        case (.number, .text):
            return false
        case (.text(let left), .text(let right)):
            return left.utf8.lexicographicallyPrecedes(right.utf8)
        case (.number(let left), .number(let right)):
            if left.utf8.count != right.utf8.count { return left.utf8.count < right.utf8.count }
            return left.utf8.lexicographicallyPrecedes(right.utf8)
        }
    }

    /// Builds a segment from raw label text: lowercase, digits lose leading zeros.
    init(raw: String) {
        if raw.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            let trimmed = raw.drop(while: { $0 == "0" })
            self = .number(digits: trimmed.isEmpty ? "0" : String(trimmed))
        } else {
            self = .text(raw.lowercased())
        }
    }
}
