/// What tag generation needs to know about an interpreter and the system it runs on: a plain
/// value, filled from an interpreter probe (or by hand in tests and for cross-targets).
public struct TagTarget: Hashable, Sendable {
    public var interpreter: InterpreterKind
    /// `sys.version_info[:2]`.
    public var pythonVersion: LanguageVersion
    /// The interpreter's own version as tags spell it: sysconfig's `py_version_nodot` when set
    /// (e.g. `312`), else major and minor run together.
    public var interpreterVersion: String
    /// Compatible platform tags, best first (see `PlatformTags`).
    public var platforms: [String]

    public init(interpreter: InterpreterKind, pythonVersion: LanguageVersion, interpreterVersion: String? = nil, platforms: [String]) {
        self.interpreter = interpreter
        self.pythonVersion = pythonVersion
        self.interpreterVersion = interpreterVersion ?? pythonVersion.nodot
        self.platforms = platforms
    }
}

/// Which implementation, with the facts its ABI tags come from.
public enum InterpreterKind: Hashable, Sendable {
    case cpython(CPythonBuild)
    /// Any other implementation: `name` is `sys.implementation.name` (`pypy`, `graalpy`), `abis`
    /// its extension ABIs as derived from `EXT_SUFFIX` (see `GenericABI.fromExtensionSuffix`).
    case other(name: String, abis: [String])

    /// The tag prefix: the short names PEP 425 reserves (`cp`, `pp`, `ip`, `jy`), else the name.
    public var shortName: String {
        switch self {
        case .cpython: return "cp"
        case .other(let name, _): return Self.shortNames[name] ?? name
        }
    }

    static let shortNames = ["python": "py", "cpython": "cp", "pypy": "pp", "ironpython": "ip", "jython": "jy"]
}

/// The build options of a CPython interpreter that change its ABI tag (`cp312`, `cp313t`, `cp38d`, `cp37m`).
public struct CPythonBuild: Hashable, Sendable {
    /// `Py_DEBUG`: the ABI gains `d`, and plain extension modules load too.
    public var debug: Bool
    /// `Py_GIL_DISABLED` (3.13+): the ABI gains `t`, and the stable ABI becomes `abi3t`.
    public var freeThreaded: Bool
    /// `WITH_PYMALLOC`: marks the ABI with `m` before 3.8 only.
    public var pymalloc: Bool
    /// A UCS-4 build: marks the ABI with `u` before 3.3 only.
    public var wideUnicode: Bool

    public init(debug: Bool = false, freeThreaded: Bool = false, pymalloc: Bool = true, wideUnicode: Bool = false) {
        self.debug = debug
        self.freeThreaded = freeThreaded
        self.pymalloc = pymalloc
        self.wideUnicode = wideUnicode
    }
}

/// A Python language version as tags use it: a major version and usually a minor one.
public struct LanguageVersion: Hashable, Sendable, CustomStringConvertible {
    public let major: Int
    public let minor: Int?

    public init(_ major: Int, _ minor: Int? = nil) {
        self.major = major
        self.minor = minor
    }

    /// `3.12` → `312`, `3` → `3`.
    public var nodot: String { "\(major)\(minor.map(String.init) ?? "")" }
    public var description: String { minor.map { "\(major).\($0)" } ?? "\(major)" }
}
