#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What this machine is, as far as choosing wheels for it goes: `uname`'s system and machine
/// names, and the glibc version the process runs on.
public struct HostSystem: Sendable, Hashable {
    /// `uname -s`: `Linux`, `Darwin`.
    public let systemName: String
    /// `uname -m`: `x86_64`, `aarch64`, `arm64`.
    public let machine: String
    /// glibc's `major.minor[...]` string (`2.36`); nil off glibc (musl, macOS).
    public let glibcVersion: String?

    public static func current() -> HostSystem {
        var names = utsname()
        _ = uname(&names)
        let system = withUnsafeBytes(of: &names.sysname) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let machine = withUnsafeBytes(of: &names.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return HostSystem(systemName: system, machine: machine, glibcVersion: Self.glibc())
    }

    public init(systemName: String, machine: String, glibcVersion: String?) {
        self.systemName = systemName
        self.machine = machine
        self.glibcVersion = glibcVersion
    }

    private static func glibc() -> String? {
        #if canImport(Glibc)
        // confstr answers "glibc 2.36"; musl does not know the name and returns 0.
        let length = confstr(Int32(_CS_GNU_LIBC_VERSION), nil, 0)
        guard length > 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: length)
        guard confstr(Int32(_CS_GNU_LIBC_VERSION), &buffer, length) > 0 else { return nil }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard text.hasPrefix("glibc ") else { return nil }
        return String(text.dropFirst("glibc ".count))
        #else
        return nil
        #endif
    }
}
