import Testing
@testable import PackagingModel

// Cases carried over from pypa/packaging tests/test_tags.py (TestManylinuxPlatform) and
// tests/test_manylinux.py / test_musllinux.py. The ELF headers stand in for packaging's
// hello-world test executables.
@Suite struct PlatformTagsTests {
    static let x86_64 = ELFHeader(is32Bit: false, isLittleEndian: true, machine: .x86_64, flags: 0)
    static let i386 = ELFHeader(is32Bit: true, isLittleEndian: true, machine: .i386, flags: 0)
    static let x32 = ELFHeader(is32Bit: true, isLittleEndian: true, machine: .x86_64, flags: 0)
    static let armhf = ELFHeader(is32Bit: true, isLittleEndian: true, machine: .arm, flags: 0x0500_0400)
    static let armel = ELFHeader(is32Bit: true, isLittleEndian: true, machine: .arm, flags: 0x0500_0200)
    static let aarch64 = ELFHeader(is32Bit: false, isLittleEndian: true, machine: .aarch64, flags: 0)

    private func manylinux(from newest: Int, to oldest: Int, _ arch: String) -> [String] {
        var tags: [String] = []
        for minor in stride(from: newest, through: oldest, by: -1) {
            tags.append("manylinux_2_\(minor)_\(arch)")
            if let alias = [17: "manylinux2014", 12: "manylinux2010", 5: "manylinux1"][minor] { tags.append("\(alias)_\(arch)") }
        }
        return tags
    }

    @Test(arguments: [
        ("linux-x86_64", false, ["linux_x86_64"]),
        ("linux-x86_64", true, ["linux_i686"]),
        ("linux-aarch64", false, ["linux_aarch64"]),
        ("linux-aarch64", true, ["linux_armv8l", "linux_armv7l"]),
    ])
    func thirtyTwoBitInterpretersOn64BitSystems(platform: String, is32Bit: Bool, expected: [String]) {
        // No ELF header: manylinux is off, leaving the linux_ tags alone.
        let system = LinuxSystem(sysconfigPlatform: platform, is32BitInterpreter: is32Bit, glibc: LibcVersion(2, 20))
        #expect(Array(PlatformTags.linux(system).prefix(expected.count)) == expected)
    }

    @Test func linuxFirstThenManylinuxDownTo25OnX86() {
        let system = LinuxSystem(sysconfigPlatform: "linux-x86_64", glibc: LibcVersion(2, 17), executable: Self.x86_64)
        #expect(PlatformTags.linux(system) == ["linux_x86_64"] + manylinux(from: 17, to: 5, "x86_64"))
        let glibc212 = LinuxSystem(sysconfigPlatform: "linux_x86_64", glibc: LibcVersion(2, 12), executable: Self.x86_64)
        #expect(PlatformTags.linux(glibc212) == ["linux_x86_64"] + manylinux(from: 12, to: 5, "x86_64"))
    }

    @Test func thisMachinesGlibc() {
        let system = LinuxSystem(sysconfigPlatform: "linux-x86_64", glibc: LibcVersion(2, 36), executable: Self.x86_64)
        let tags = PlatformTags.linux(system)
        #expect(tags.count == 1 + 32 + 3)
        #expect(Array(tags.prefix(3)) == ["linux_x86_64", "manylinux_2_36_x86_64", "manylinux_2_35_x86_64"])
    }

    @Test func i686NeedsA32BitX86Executable() {
        let system = LinuxSystem(sysconfigPlatform: "linux-x86_64", is32BitInterpreter: true, glibc: LibcVersion(2, 17), executable: Self.i386)
        #expect(PlatformTags.linux(system) == ["linux_i686"] + manylinux(from: 17, to: 5, "i686"))
        let x32 = LinuxSystem(sysconfigPlatform: "linux-x86_64", is32BitInterpreter: true, glibc: LibcVersion(2, 17), executable: Self.x32)
        #expect(PlatformTags.linux(x32) == ["linux_i686"])
    }

    @Test(arguments: [("armv7l", ["armv7l"]), ("armv8l", ["armv8l", "armv7l"]), ("aarch64", ["armv8l", "armv7l"])])
    func armHardFloat(native: String, archs: [String]) {
        let system = LinuxSystem(sysconfigPlatform: "linux_\(native)", is32BitInterpreter: true, glibc: LibcVersion(2, 17), executable: Self.armhf)
        var expected = archs.map { "linux_\($0)" }
        for arch in archs { expected += ["manylinux_2_17_\(arch)", "manylinux2014_\(arch)"] }
        #expect(PlatformTags.linux(system) == expected)
    }

    @Test func softFloatArmAndArmv6GetNoManylinux() {
        let armel = LinuxSystem(sysconfigPlatform: "linux_armv7l", is32BitInterpreter: true, glibc: LibcVersion(2, 20), executable: Self.armel)
        #expect(PlatformTags.linux(armel) == ["linux_armv7l"])
        let armv6 = LinuxSystem(sysconfigPlatform: "linux_armv6l", is32BitInterpreter: true, glibc: LibcVersion(2, 20), executable: Self.armhf)
        #expect(PlatformTags.linux(armv6) == ["linux_armv6l"])
    }

    @Test func futureGlibcMajor() {
        let system = LinuxSystem(sysconfigPlatform: "linux_aarch64", glibc: LibcVersion(3, 2), executable: Self.aarch64)
        let expected = ["linux_aarch64", "manylinux_3_2_aarch64", "manylinux_3_1_aarch64", "manylinux_3_0_aarch64"]
            + stride(from: 50, through: 17, by: -1).map { "manylinux_2_\($0)_aarch64" } + ["manylinux2014_aarch64"]
        #expect(PlatformTags.linux(system) == expected)
    }

    @Test func noGlibcNoManylinux() {
        let system = LinuxSystem(sysconfigPlatform: "linux-x86_64", glibc: nil, executable: Self.x86_64)
        #expect(PlatformTags.linux(system) == ["linux_x86_64"])
    }

    @Test(arguments: [
        ("armv7l", "armv7l", LibcVersion(1, 1)),
        ("aarch64", "armv8l", LibcVersion(1, 1)),
        ("i386", "i386", LibcVersion(1, 2)),
        ("x86_64", "i686", LibcVersion(1, 2)),
    ])
    func musllinux(native: String, cross32: String, musl: LibcVersion) {
        for is32Bit in [true, false] {
            let system = LinuxSystem(sysconfigPlatform: "linux_\(native)", is32BitInterpreter: is32Bit, glibc: nil, musl: musl)
            let target = is32Bit ? cross32 : native
            let archs = target == "armv8l" ? ["armv8l", "armv7l"] : [target]
            var expected = archs.map { "linux_\($0)" }
            for arch in archs {
                expected += stride(from: musl.minor, through: 0, by: -1).map { "musllinux_\(musl.major)_\($0)_\(arch)" }
            }
            #expect(PlatformTags.linux(system) == expected)
        }
    }

    @Test func nonLinuxPlatformsPassThroughNormalized() {
        #expect(PlatformTags.linux(LinuxSystem(sysconfigPlatform: "not_linux_x86_64", glibc: LibcVersion(2, 17))) == ["not_linux_x86_64"])
        #expect(PlatformTags.normalize("isilon onefs") == "isilon_onefs")
        #expect(PlatformTags.normalize("macosx-14.0-arm64") == "macosx_14_0_arm64")
    }

    @Test(arguments: [("2.36", LibcVersion(2, 36)), ("2.20-2014.11", LibcVersion(2, 20)), ("3.2", LibcVersion(3, 2))])
    func parsesGlibcVersions(text: String, expected: LibcVersion) {
        #expect(LibcVersion(parsing: text) == expected)
    }

    @Test(arguments: ["glibc-2.4.5", "2", ""])
    func rejectsMalformedGlibcVersions(text: String) {
        #expect(LibcVersion(parsing: text) == nil)
    }
}
