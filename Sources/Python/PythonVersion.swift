/// An interpreter's `sys.version_info`: 3.12.1, or 3.13.0rc2 for a pre-release.
///
/// Not a PEP 440 `Version`: this is what the interpreter says it is, always five fields.
public struct PythonVersion: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let major: Int
    public let minor: Int
    public let micro: Int
    /// `alpha`, `beta`, `candidate` or `final`.
    public let releaseLevel: String
    public let serial: Int

    public init(major: Int, minor: Int, micro: Int, releaseLevel: String = "final", serial: Int = 0) {
        self.major = major
        self.minor = minor
        self.micro = micro
        self.releaseLevel = releaseLevel
        self.serial = serial
    }

    /// The version as Python prints it (`platform.python_version()`): `3.12.1`, `3.13.0rc2`.
    public var description: String {
        let base = "\(major).\(minor).\(micro)"
        switch releaseLevel {
        case "alpha": return base + "a\(serial)"
        case "beta": return base + "b\(serial)"
        case "candidate": return base + "rc\(serial)"
        default: return base
        }
    }

    /// `3.12`.
    public var minorVersion: String { "\(major).\(minor)" }

    public static func < (lhs: PythonVersion, rhs: PythonVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.micro, lhs.releaseRank, lhs.serial)
            < (rhs.major, rhs.minor, rhs.micro, rhs.releaseRank, rhs.serial)
    }

    private var releaseRank: Int {
        ["alpha": 0, "beta": 1, "candidate": 2, "final": 3][releaseLevel] ?? 3
    }
}
