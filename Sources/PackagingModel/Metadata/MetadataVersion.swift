/// The `Metadata-Version` of a core metadata file: `major.minor`.
///
/// The core metadata spec asks consumers to fail on a major version they do not know
/// and to read a newer minor version as best they can, so any 1.x and 2.x is accepted.
/// That includes 2.0, which was never a published standard but which bdist_wheel wrote
/// into wheels for years.
public struct MetadataVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let major: Int
    public let minor: Int

    /// The newest major version kiln understands.
    public static let newestSupportedMajor = 2

    public static let v1_0 = MetadataVersion(major: 1, minor: 0)
    public static let v1_1 = MetadataVersion(major: 1, minor: 1)
    public static let v1_2 = MetadataVersion(major: 1, minor: 2)
    public static let v2_1 = MetadataVersion(major: 2, minor: 1)
    /// The first version with `Dynamic`: fields not listed there are fixed for an sdist.
    public static let v2_2 = MetadataVersion(major: 2, minor: 2)
    public static let v2_3 = MetadataVersion(major: 2, minor: 3)
    /// The first version with `License-Expression` and `License-File`.
    public static let v2_4 = MetadataVersion(major: 2, minor: 4)

    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses `2.1`; nil when the text is not two dot-separated numbers.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2,
            parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
            let major = Int(parts[0]), let minor = Int(parts[1])
        else { return nil }
        self.init(major: major, minor: minor)
    }

    public var description: String { "\(major).\(minor)" }

    public static func < (lhs: MetadataVersion, rhs: MetadataVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }
}
