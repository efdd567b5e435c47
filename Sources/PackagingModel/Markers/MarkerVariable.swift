/// The environment marker variables of PEP 508, plus `extras` and
/// `dependency_groups` from PEP 751 lock files.
public enum MarkerVariable: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case implementationName = "implementation_name"
    case implementationVersion = "implementation_version"
    case osName = "os_name"
    case platformMachine = "platform_machine"
    case platformPythonImplementation = "platform_python_implementation"
    case platformRelease = "platform_release"
    case platformSystem = "platform_system"
    case platformVersion = "platform_version"
    case pythonFullVersion = "python_full_version"
    case pythonVersion = "python_version"
    case sysPlatform = "sys_platform"
    case extra
    case extras
    case dependencyGroups = "dependency_groups"

    public var description: String { rawValue }

    /// Variables whose values are compared as PEP 440 versions when both sides parse.
    var isVersionValued: Bool {
        switch self {
        case .implementationVersion, .platformRelease, .pythonFullVersion, .pythonVersion: true
        default: false
        }
    }

    /// Variables holding a set of names rather than one string.
    var isSetValued: Bool { self == .extras || self == .dependencyGroups }

    /// Every spelling the grammar accepts, with the variable it means. The legacy
    /// dotted names (`os.name`) and `python_implementation` are PEP 345 leftovers
    /// packaging still reads. Longer spellings first where one extends another.
    static let spellings: [([Unicode.Scalar], MarkerVariable)] = ([
        ("python_version", .pythonVersion), ("python_full_version", .pythonFullVersion),
        ("os_name", .osName), ("os.name", .osName),
        ("sys_platform", .sysPlatform), ("sys.platform", .sysPlatform),
        ("platform_release", .platformRelease), ("platform_system", .platformSystem),
        ("platform_version", .platformVersion), ("platform.version", .platformVersion),
        ("platform_machine", .platformMachine), ("platform.machine", .platformMachine),
        ("platform_python_implementation", .platformPythonImplementation),
        ("platform.python_implementation", .platformPythonImplementation),
        ("python_implementation", .platformPythonImplementation),
        ("implementation_name", .implementationName), ("implementation_version", .implementationVersion),
        ("extras", .extras), ("extra", .extra), ("dependency_groups", .dependencyGroups),
    ] as [(String, MarkerVariable)]).map { (Array($0.0.unicodeScalars), $0.1) }
}

/// The comparison operators a marker may use.
public enum MarkerOperator: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case equal = "=="
    case notEqual = "!="
    case lessThan = "<"
    case lessThanOrEqual = "<="
    case greaterThan = ">"
    case greaterThanOrEqual = ">="
    case compatible = "~="
    case arbitraryEqual = "==="
    case `in` = "in"
    case notIn = "not in"

    public var description: String { rawValue }

    /// The symbolic operators, longest spelling first.
    static let symbols: [MarkerOperator] = [
        .arbitraryEqual, .equal, .compatible, .notEqual, .lessThanOrEqual, .greaterThanOrEqual,
        .lessThan, .greaterThan,
    ]
}
