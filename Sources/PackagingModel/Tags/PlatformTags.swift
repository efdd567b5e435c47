/// Platform tags for Linux, best first, as packaging 26.3 orders them: `linux_<arch>` first, then
/// the manylinux tags from the running glibc down (each legacy alias right after the version it
/// names), then musllinux tags.
public enum PlatformTags {
    /// The platform tags a Linux interpreter accepts.
    public static func linux(_ system: LinuxSystem) -> [String] {
        var linux = normalize(system.sysconfigPlatform)
        // Only a `linux-*` platform can take manylinux or musllinux wheels.
        guard linux.hasPrefix("linux_") else { return [linux] }
        if system.is32BitInterpreter {
            if linux == "linux_x86_64" {
                linux = "linux_i686"
            } else if linux == "linux_aarch64" {
                linux = "linux_armv8l"
            }
        }
        let arch = String(linux.dropFirst("linux_".count))
        // A 32-bit ARM interpreter on a 64-bit kernel also runs armv7l code.
        let archs = arch == "armv8l" ? ["armv8l", "armv7l"] : [arch]
        return archs.map { "linux_" + $0 }
            + manylinux(archs: archs, glibc: system.glibc, executable: system.executable)
            + musllinux(archs: archs, musl: system.musl)
    }

    /// manylinux tags (PEP 600) for `archs`, from `glibc` down to the oldest glibc manylinux ever
    /// covered (2.5 on x86, 2.17 elsewhere), with manylinux1/2010/2014 beside 2.5/2.12/2.17.
    /// Empty when the executable's ABI is not one manylinux defines wheels for.
    public static func manylinux(archs: [String], glibc: LibcVersion?, executable: ELFHeader?) -> [String] {
        guard let glibc, hasManylinuxABI(archs: archs, executable: executable) else { return [] }
        // Exclusive lower bounds.
        let tooOld = Set(archs).isDisjoint(with: ["x86_64", "i686"]) ? LibcVersion(2, 16) : LibcVersion(2, 4)
        // Each glibc major counts as compatible with everything of the previous majors; their
        // last minor is unknown, so assume 50 as packaging does.
        var newestPerMajor = [glibc]
        for major in stride(from: glibc.major - 1, to: 1, by: -1) {
            newestPerMajor.append(LibcVersion(major, lastGlibcMinorAssumed))
        }
        var tags: [String] = []
        for arch in archs {
            for newest in newestPerMajor {
                let lowestMinorExcluded = newest.major == tooOld.major ? tooOld.minor : -1
                for minor in stride(from: newest.minor, to: lowestMinorExcluded, by: -1) {
                    let version = LibcVersion(newest.major, minor)
                    tags.append("manylinux_\(version.major)_\(version.minor)_\(arch)")
                    if let legacy = legacyManylinuxAliases[version] { tags.append("\(legacy)_\(arch)") }
                }
            }
        }
        return tags
    }

    /// musllinux tags (PEP 656): `musllinux_1_N_<arch>` from the linked musl's minor down to 0.
    public static func musllinux(archs: [String], musl: LibcVersion?) -> [String] {
        guard let musl else { return [] }
        return archs.flatMap { arch in
            stride(from: musl.minor, through: 0, by: -1).map { "musllinux_\(musl.major)_\($0)_\(arch)" }
        }
    }

    /// A platform name as tags spell it: `.`, `-` and spaces become `_`.
    public static func normalize(_ platform: String) -> String {
        String(platform.map { $0 == "." || $0 == "-" || $0 == " " ? "_" : $0 })
    }

    static let lastGlibcMinorAssumed = 50

    static let legacyManylinuxAliases: [LibcVersion: String] = [
        LibcVersion(2, 17): "manylinux2014",  // CentOS 7, PEP 599
        LibcVersion(2, 12): "manylinux2010",  // CentOS 6, PEP 571
        LibcVersion(2, 5): "manylinux1",  // CentOS 5, PEP 513
    ]

    static let manylinuxArchitectures: Set<String> = [
        "x86_64", "aarch64", "ppc64", "ppc64le", "s390x", "loongarch64", "riscv64",
    ]

    /// 32-bit x86 and ARM interpreters qualify only if the executable really uses the ABI the
    /// manylinux images build for (not x32, not soft-float ARM).
    static func hasManylinuxABI(archs: [String], executable: ELFHeader?) -> Bool {
        if archs.contains("armv7l") { return executable?.isArmHardFloat ?? false }
        if archs.contains("i686") { return executable?.isI686 ?? false }
        return archs.contains { manylinuxArchitectures.contains($0) }
    }
}
