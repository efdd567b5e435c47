/// The facts about a Linux interpreter that decide its platform tags.
public struct LinuxSystem: Hashable, Sendable {
    /// `sysconfig.get_platform()`, e.g. `linux-x86_64`.
    public var sysconfigPlatform: String
    /// A 32-bit interpreter (`struct.calcsize("P") == 4`), possibly on a 64-bit kernel.
    public var is32BitInterpreter: Bool
    /// The glibc the interpreter runs on; nil when it does not use glibc.
    public var glibc: LibcVersion?
    /// The musl the interpreter is linked against (read from its ELF loader); nil otherwise.
    public var musl: LibcVersion?
    /// The interpreter executable's ELF header; nil if it could not be read.
    public var executable: ELFHeader?

    public init(
        sysconfigPlatform: String, is32BitInterpreter: Bool = false, glibc: LibcVersion? = nil,
        musl: LibcVersion? = nil, executable: ELFHeader? = nil
    ) {
        self.sysconfigPlatform = sysconfigPlatform
        self.is32BitInterpreter = is32BitInterpreter
        self.glibc = glibc
        self.musl = musl
        self.executable = executable
    }
}

/// A C library's `major.minor` version (glibc `2.36`, musl `1.2`).
public struct LibcVersion: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let major: Int
    public let minor: Int

    public init(_ major: Int, _ minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Reads the leading `major.minor` and ignores what follows (vendors append build labels:
    /// `2.20-2014.11`); nil when there is no such prefix.
    public init?(parsing text: String) {
        let numbers = text.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard numbers.count >= 2, let major = Int(numbers[0]) else { return nil }
        let minorDigits = numbers[1].prefix { $0.isASCII && $0.isNumber }
        guard !minorDigits.isEmpty, let minor = Int(minorDigits) else { return nil }
        self.init(major, minor)
    }

    public static func < (lhs: LibcVersion, rhs: LibcVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    public var description: String { "\(major).\(minor)" }
}

/// The fields of an ELF file header that decide which manylinux ABI an executable uses.
public struct ELFHeader: Hashable, Sendable {
    public enum Machine: Hashable, Sendable {
        case i386, arm, x86_64, aarch64, other(UInt16)

        public init(_ code: UInt16) {
            switch code {
            case 3: self = .i386
            case 40: self = .arm
            case 62: self = .x86_64
            case 183: self = .aarch64
            default: self = .other(code)
            }
        }
    }

    public var is32Bit: Bool
    public var isLittleEndian: Bool
    public var machine: Machine
    public var flags: UInt32

    public init(is32Bit: Bool, isLittleEndian: Bool, machine: Machine, flags: UInt32) {
        self.is32Bit = is32Bit
        self.isLittleEndian = isLittleEndian
        self.machine = machine
        self.flags = flags
    }

    /// 32-bit little-endian x86: what manylinux's i686 wheels need.
    var isI686: Bool { is32Bit && isLittleEndian && machine == .i386 }

    /// 32-bit little-endian ARM EABI version 5 with the hard-float calling convention: what
    /// manylinux's armv7l wheels need.
    var isArmHardFloat: Bool {
        let abiMask: UInt32 = 0xFF00_0000, abiVersion5: UInt32 = 0x0500_0000, hardFloat: UInt32 = 0x400
        return is32Bit && isLittleEndian && machine == .arm
            && flags & abiMask == abiVersion5 && flags & hardFloat == hardFloat
    }
}
