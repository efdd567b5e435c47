#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The JSON object the probe (`isolated-env-templates/probe/interpreter_info.py`) prints, field
/// for field. Decoded here, then checked and typed by `Interpreter.init(path:report:)`.
struct ProbeReport: Codable, Equatable, Sendable {
    /// Bumped when the probe's output changes; cached reports of another format are ignored.
    static let currentFormat = 1

    var probeFormat: Int
    /// Set (and nothing else) when the interpreter is older than the probe supports.
    var unsupportedVersion: String?

    var executable: String?
    var prefix: String?
    var basePrefix: String?
    var isVenv: Bool?
    var versionInfo: [VersionInfoField]?
    var implementationName: String?
    var implementationVersion: String?
    var markers: [String: String]?
    var paths: [String: String?]?
    var platform: String?
    var soabi: String?
    var extSuffix: String?
    var pyVersionNodot: String?
    var pyGilDisabled: ConfigValue?
    var pyDebug: ConfigValue?
    var withPymalloc: ConfigValue?
    var hasTotalRefcount: Bool?
    var debugExtensionSuffix: Bool?
    var pointerSize: Int?
    var glibcVersion: String?
    var muslVersion: String?
    var elf: ELF?

    struct ELF: Codable, Equatable, Sendable {
        var `class`: Int
        var encoding: Int
        var machine: Int
        var flags: Int
        var interpreter: String?
    }

    enum CodingKeys: String, CodingKey {
        case probeFormat = "probe_format", unsupportedVersion = "unsupported_version"
        case executable, prefix, basePrefix = "base_prefix", isVenv = "is_venv", versionInfo = "version_info"
        case implementationName = "implementation_name", implementationVersion = "implementation_version"
        case markers, paths, platform, soabi, extSuffix = "ext_suffix", pyVersionNodot = "py_version_nodot"
        case pyGilDisabled = "py_gil_disabled", pyDebug = "py_debug", withPymalloc = "with_pymalloc"
        case hasTotalRefcount = "has_total_refcount", debugExtensionSuffix = "debug_extension_suffix"
        case pointerSize = "pointer_size", glibcVersion = "glibc_version", muslVersion = "musl_version", elf
    }

    static func decode(_ bytes: [UInt8]) -> ProbeReport? {
        try? JSONDecoder().decode(ProbeReport.self, from: Data(bytes))
    }
}

/// `sys.version_info` mixes numbers and the release level.
enum VersionInfoField: Codable, Equatable, Sendable {
    case number(Int)
    case text(String)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let number): try container.encode(number)
        case .text(let text): try container.encode(text)
        }
    }
}

/// A sysconfig variable: usually an int flag, sometimes text. Python's truthiness decides.
enum ConfigValue: Codable, Equatable, Sendable {
    case number(Int)
    case text(String)

    var isTruthy: Bool {
        switch self {
        case .number(let number): return number != 0
        case .text(let text): return !text.isEmpty
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .number(number)
        } else if let flag = try? container.decode(Bool.self) {
            self = .number(flag ? 1 : 0)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let number): try container.encode(number)
        case .text(let text): try container.encode(text)
        }
    }
}
