import PackagingModel

/// An inspected Python interpreter: what its probe reported, checked and typed.
public struct Interpreter: Hashable, Sendable {
    /// The path it was inspected at, made absolute (a venv's `bin/python`, not what that links to).
    public let path: String
    /// `sys.executable`.
    public let executable: String
    public let prefix: String
    public let basePrefix: String
    public let isVirtualEnvironment: Bool
    public let version: PythonVersion
    /// `sys.implementation.name`: `cpython`, `pypy`, ...
    public let implementationName: String
    public let implementationVersion: String
    /// The PEP 508 marker environment, keyed by marker name (`python_full_version`, `sys_platform`, ...).
    public let markerEnvironment: [String: String]
    public let paths: SchemePaths
    /// `sysconfig.get_platform()`: `linux-x86_64`.
    public let sysconfigPlatform: String
    public let soabi: String?
    public let extensionSuffix: String?
    /// `struct.calcsize("P")`: 8, or 4 for a 32-bit interpreter.
    public let pointerSize: Int
    public let glibc: LibcVersion?
    public let musl: LibcVersion?
    /// What tag generation needs; see `compatibleTags`.
    public let tagTarget: TagTarget

    /// `python_full_version` as a PEP 440 version, for `Requires-Python` and `>=3.10` requests.
    public let fullVersion: Version

    /// Every wheel tag this interpreter accepts, best first (packaging's `sys_tags()`).
    public var compatibleTags: [Tag] { CompatibleTags.forTarget(tagTarget) }

    public var isFreeThreaded: Bool {
        if case .cpython(let build) = tagTarget.interpreter { return build.freeThreaded }
        return false
    }
}

/// The install scheme's directories (`sysconfig.get_paths()`).
public struct SchemePaths: Hashable, Sendable {
    public let purelib: String
    public let platlib: String
    public let scripts: String
    public let include: String
    public let data: String
    public let stdlib: String
}

extension Interpreter {
    /// Checks a probe report and gives it types; `path` is what was probed.
    init(path: String, report: ProbeReport) throws(InterpreterError) {
        if let version = report.unsupportedVersion { throw .unsupportedVersion(path: path, version: version) }
        func missing(_ field: String) -> InterpreterError {
            .invalidReport(path: path, excerpt: "a report without \(field)")
        }
        guard let executable = report.executable, let prefix = report.prefix else { throw missing("executable or prefix") }
        guard let fields = report.versionInfo, fields.count == 5,
            case .number(let major) = fields[0], case .number(let minor) = fields[1], case .number(let micro) = fields[2],
            case .text(let level) = fields[3], case .number(let serial) = fields[4]
        else { throw missing("a valid version_info") }
        guard let implementation = report.implementationName, let markers = report.markers,
            let platform = report.platform, let pointerSize = report.pointerSize
        else { throw missing("implementation, markers, platform or pointer size") }
        guard let scheme = report.paths, let purelib = scheme["purelib"] ?? nil, let platlib = scheme["platlib"] ?? nil,
            let scripts = scheme["scripts"] ?? nil, let data = scheme["data"] ?? nil, let stdlib = scheme["stdlib"] ?? nil
        else { throw missing("sysconfig paths") }

        let version = PythonVersion(major: major, minor: minor, micro: micro, releaseLevel: level, serial: serial)
        // A dev build's `3.14.0a1+` is not PEP 440; sys.version_info still is.
        guard let fullVersion = (markers["python_full_version"]).flatMap({ try? Version($0) })
            ?? (try? Version(version.description))
        else { throw missing("a valid Python version") }
        self.fullVersion = fullVersion
        self.path = path
        self.executable = executable
        self.prefix = prefix
        self.basePrefix = report.basePrefix ?? prefix
        self.isVirtualEnvironment = report.isVenv ?? false
        self.version = version
        self.implementationName = implementation
        self.implementationVersion = report.implementationVersion ?? version.description
        self.markerEnvironment = markers
        self.paths = SchemePaths(
            purelib: purelib, platlib: platlib, scripts: scripts, include: (scheme["include"] ?? nil) ?? "", data: data, stdlib: stdlib)
        self.sysconfigPlatform = platform
        self.soabi = report.soabi
        self.extensionSuffix = report.extSuffix
        self.pointerSize = pointerSize
        self.glibc = report.glibcVersion.flatMap(LibcVersion.init(parsing:))
        self.musl = report.muslVersion.flatMap(LibcVersion.init(parsing:))
        self.tagTarget = Self.tagTarget(report: report, version: version, implementation: implementation, platform: platform,
                                        pointerSize: pointerSize, glibc: glibc, musl: musl)
    }

    private static func tagTarget(
        report: ProbeReport, version: PythonVersion, implementation: String, platform: String, pointerSize: Int,
        glibc: LibcVersion?, musl: LibcVersion?
    ) -> TagTarget {
        let kind: InterpreterKind
        if implementation == "cpython" {
            // Like packaging: Py_DEBUG decides; when unset, a debug build shows itself by
            // sys.gettotalrefcount or a `_d.pyd` extension suffix.
            let debug = report.pyDebug.map(\.isTruthy)
                ?? ((report.hasTotalRefcount ?? false) || (report.debugExtensionSuffix ?? false))
            kind = .cpython(CPythonBuild(
                debug: debug,
                freeThreaded: report.pyGilDisabled?.isTruthy ?? false,
                pymalloc: report.withPymalloc?.isTruthy ?? true))
        } else {
            kind = .other(name: implementation, abis: report.extSuffix.flatMap(InterpreterABI.fromExtensionSuffix) ?? [])
        }
        let elf = report.elf.map {
            ELFHeader(is32Bit: $0.class == 1, isLittleEndian: $0.encoding == 1,
                      machine: ELFHeader.Machine(UInt16(truncatingIfNeeded: $0.machine)), flags: UInt32(truncatingIfNeeded: $0.flags))
        }
        let platforms: [String]
        if report.markers?["platform_system"] == "Linux" {
            platforms = PlatformTags.linux(LinuxSystem(
                sysconfigPlatform: platform, is32BitInterpreter: pointerSize == 4, glibc: glibc, musl: musl, executable: elf))
        } else {
            // Elsewhere kiln knows only the interpreter's own platform (macOS ranges are not generated).
            platforms = [PlatformTags.normalize(platform)]
        }
        let nodot = report.pyVersionNodot.flatMap { $0.isEmpty ? nil : $0 }
        return TagTarget(interpreter: kind, pythonVersion: LanguageVersion(version.major, version.minor),
                         interpreterVersion: nodot, platforms: platforms)
    }
}
