/// An operating system and CPU that a lock or resolution is made for, named as `--platform`
/// spells it. Together with a Python version it stands in for an interpreter that need not be
/// installed (see `PlatformTarget`).
public enum TargetPlatform: String, CaseIterable, Hashable, Sendable {
    case linuxX86_64 = "linux-x86_64"
    case linuxAarch64 = "linux-aarch64"
    case macosArm64 = "macos-arm64"
    case macosX86_64 = "macos-x86_64"
    case windowsX86_64 = "windows-x86_64"

    public enum System: Hashable, Sendable { case linux, macOS, windows }

    public var system: System {
        switch self {
        case .linuxX86_64, .linuxAarch64: .linux
        case .macosArm64, .macosX86_64: .macOS
        case .windowsX86_64: .windows
        }
    }

    /// `platform.machine()` as CPython reports it there (Windows says `AMD64`).
    public var machine: String {
        switch self {
        case .linuxX86_64, .macosX86_64: "x86_64"
        case .linuxAarch64: "aarch64"
        case .macosArm64: "arm64"
        case .windowsX86_64: "AMD64"
        }
    }

    /// `sys.platform` there.
    public var sysPlatform: String {
        switch system {
        case .linux: "linux"
        case .macOS: "darwin"
        case .windows: "win32"
        }
    }

    /// `platform.system()` there.
    public var platformSystem: String {
        switch system {
        case .linux: "Linux"
        case .macOS: "Darwin"
        case .windows: "Windows"
        }
    }

    /// `os.name` there.
    public var osName: String { system == .windows ? "nt" : "posix" }

    /// The platform of a machine from its `uname` system and machine names; nil for any other.
    public init?(unameSystem: String, machine: String) {
        switch (unameSystem, machine) {
        case ("Linux", "x86_64"): self = .linuxX86_64
        case ("Linux", "aarch64"), ("Linux", "arm64"): self = .linuxAarch64
        case ("Darwin", "arm64"), ("Darwin", "aarch64"): self = .macosArm64
        case ("Darwin", "x86_64"): self = .macosX86_64
        default: return nil
        }
    }
}

/// A platform with the one fact its tags need beyond the name: the C library on Linux, the
/// oldest macOS version to support on macOS.
public struct PlatformTarget: Hashable, Sendable {
    public enum LinuxLibc: Hashable, Sendable {
        case glibc(LibcVersion)
        case musl(LibcVersion)
    }

    public let platform: TargetPlatform
    /// Linux only; nil elsewhere.
    public let libc: LinuxLibc?
    /// macOS only; nil elsewhere.
    public let macOSVersion: MacOSVersion?

    /// The oldest macOS releases not yet out of support when this was written (uv assumes the
    /// same for its Apple targets): wheels built for newer releases would not run there.
    public static let defaultMacOSVersion = MacOSVersion(13, 0)

    /// `libc` is used on Linux (nil means: no manylinux or musllinux tags at all), `macOSVersion`
    /// on macOS; both are ignored elsewhere.
    public init(_ platform: TargetPlatform, libc: LinuxLibc? = nil, macOSVersion: MacOSVersion = Self.defaultMacOSVersion) {
        self.platform = platform
        self.libc = platform.system == .linux ? libc : nil
        self.macOSVersion = platform.system == .macOS ? macOSVersion : nil
    }

    /// The platform tags a 64-bit CPython there accepts, best first, in `sys_tags()`'s order.
    public var platformTags: [String] {
        switch platform.system {
        case .linux:
            var glibc: LibcVersion?
            var musl: LibcVersion?
            switch libc {
            case .glibc(let version): glibc = version
            case .musl(let version): musl = version
            case nil: break
            }
            let sysconfig = platform == .linuxX86_64 ? "linux-x86_64" : "linux-aarch64"
            // A 64-bit executable of the platform's own architecture needs no ELF header to
            // qualify for manylinux: only 32-bit ABIs are checked.
            return PlatformTags.linux(LinuxSystem(sysconfigPlatform: sysconfig, glibc: glibc, musl: musl))
        case .macOS:
            return MacOSPlatformTags.tags(version: macOSVersion ?? Self.defaultMacOSVersion,
                                          arch: platform == .macosArm64 ? "arm64" : "x86_64")
        case .windows:
            return ["win_amd64"]
        }
    }

    /// The tags of CPython `version` (a default build: no debug, GIL enabled) on this platform.
    public func cpythonTags(_ version: LanguageVersion) -> [Tag] {
        CompatibleTags.forTarget(TagTarget(interpreter: .cpython(CPythonBuild()), pythonVersion: version, platforms: platformTags))
    }
}
