/// A macOS release as wheel tags name it: `macosx_<major>_<minor>_<arch>`.
public struct MacOSVersion: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let major: Int
    public let minor: Int

    public init(_ major: Int, _ minor: Int) {
        self.major = major
        self.minor = minor
    }

    public static func < (lhs: MacOSVersion, rhs: MacOSVersion) -> Bool { (lhs.major, lhs.minor) < (rhs.major, rhs.minor) }
    public var description: String { "\(major).\(minor)" }
}

/// macOS platform tags, best first, as packaging 26.3's `mac_platforms()` orders them.
public enum MacOSPlatformTags {
    public static func tags(version: MacOSVersion, arch: String) -> [String] {
        var tags: [String] = []
        if version >= MacOSVersion(10, 0) && version < MacOSVersion(11, 0) {
            // Before macOS 11 every yearly release raised the minor version.
            for minor in stride(from: version.minor, through: 0, by: -1) {
                tags += binaryFormats(MacOSVersion(10, minor), arch: arch).map { "macosx_10_\(minor)_\($0)" }
            }
        }
        if version >= MacOSVersion(11, 0) {
            // From 11 on, every yearly release raises the major version; minors are mid-year updates.
            for major in stride(from: version.major, to: 10, by: -1) {
                tags += binaryFormats(MacOSVersion(major, 0), arch: arch).map { "macosx_\(major)_0_\($0)" }
            }
            // An x86_64 macOS 11+ runs binaries for older releases; arm64 began with 11, so
            // only universal2 wheels (whose x86_64 half sets the version) name an older one.
            for minor in stride(from: 16, to: 3, by: -1) {
                if arch == "x86_64" {
                    tags += binaryFormats(MacOSVersion(10, minor), arch: arch).map { "macosx_10_\(minor)_\($0)" }
                } else {
                    tags.append("macosx_10_\(minor)_universal2")
                }
            }
        }
        return tags
    }

    /// The binary formats (fat/universal bundles) that contain `arch` code and existed at `version`.
    static func binaryFormats(_ version: MacOSVersion, arch: String) -> [String] {
        var formats = [arch]
        switch arch {
        case "x86_64":
            if version < MacOSVersion(10, 4) { return [] }
            formats += ["intel", "fat64", "fat32"]
        case "i386":
            if version < MacOSVersion(10, 4) { return [] }
            formats += ["intel", "fat32", "fat"]
        case "ppc64":
            if version > MacOSVersion(10, 5) || version < MacOSVersion(10, 4) { return [] }
            formats.append("fat64")
        case "ppc":
            if version > MacOSVersion(10, 6) { return [] }
            formats += ["fat32", "fat"]
        default:
            break
        }
        if arch == "arm64" || arch == "x86_64" { formats.append("universal2") }
        if ["x86_64", "i386", "ppc64", "ppc", "intel"].contains(arch) { formats.append("universal") }
        return formats
    }
}
