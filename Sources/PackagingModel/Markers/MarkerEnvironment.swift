/// The values of the PEP 508 marker variables for one target interpreter.
///
/// A plain value: the Python module fills it from a probe of the interpreter,
/// tests and lock-file forks build it directly.
public struct MarkerEnvironment: Sendable, Hashable {
    public var implementationName: String
    public var implementationVersion: String
    public var osName: String
    public var platformMachine: String
    public var platformPythonImplementation: String
    public var platformRelease: String
    public var platformSystem: String
    public var platformVersion: String
    public var pythonFullVersion: String
    public var pythonVersion: String
    public var sysPlatform: String

    public init(
        implementationName: String,
        implementationVersion: String,
        osName: String,
        platformMachine: String,
        platformPythonImplementation: String,
        platformRelease: String,
        platformSystem: String,
        platformVersion: String,
        pythonFullVersion: String,
        pythonVersion: String,
        sysPlatform: String
    ) {
        self.implementationName = implementationName
        self.implementationVersion = implementationVersion
        self.osName = osName
        self.platformMachine = platformMachine
        self.platformPythonImplementation = platformPythonImplementation
        self.platformRelease = platformRelease
        self.platformSystem = platformSystem
        self.platformVersion = platformVersion
        self.pythonFullVersion = pythonFullVersion
        self.pythonVersion = pythonVersion
        self.sysPlatform = sysPlatform
    }

    /// The string value of a variable; nil for the extra-related ones, which come
    /// from the requested extras rather than the interpreter.
    public func value(of variable: MarkerVariable) -> String? {
        switch variable {
        case .implementationName: implementationName
        case .implementationVersion: implementationVersion
        case .osName: osName
        case .platformMachine: platformMachine
        case .platformPythonImplementation: platformPythonImplementation
        case .platformRelease: platformRelease
        case .platformSystem: platformSystem
        case .platformVersion: platformVersion
        // An untagged CPython build reports "3.13.0+", which is not PEP 440; packaging
        // reads it as the local version "3.13.0+local" and so does kiln.
        case .pythonFullVersion: pythonFullVersion.hasSuffix("+") ? pythonFullVersion + "local" : pythonFullVersion
        case .pythonVersion: pythonVersion
        case .sysPlatform: sysPlatform
        case .extra, .extras, .dependencyGroups: nil
        }
    }
}
