import PackagingModel
import Python
import Resolver

/// What the resolver needs to know about one interpreter.
public struct ResolutionTarget: Sendable {
    public let environment: TargetEnvironment
    public let tags: TagPriority

    public init(environment: TargetEnvironment, tags: TagPriority) {
        self.environment = environment
        self.tags = tags
    }

    /// From an inspected interpreter: its PEP 508 markers, full version and tag list.
    public init(interpreter: Interpreter) {
        let values = interpreter.markerEnvironment
        let markers = MarkerEnvironment(
            implementationName: values["implementation_name"] ?? interpreter.implementationName,
            implementationVersion: values["implementation_version"] ?? interpreter.implementationVersion,
            osName: values["os_name"] ?? "posix",
            platformMachine: values["platform_machine"] ?? "",
            platformPythonImplementation: values["platform_python_implementation"] ?? "CPython",
            platformRelease: values["platform_release"] ?? "",
            platformSystem: values["platform_system"] ?? "Linux",
            platformVersion: values["platform_version"] ?? "",
            pythonFullVersion: values["python_full_version"] ?? interpreter.fullVersion.description,
            pythonVersion: values["python_version"] ?? interpreter.version.minorVersion,
            sysPlatform: values["sys_platform"] ?? "linux")
        self.init(
            environment: TargetEnvironment(markers: markers, pythonVersion: interpreter.fullVersion),
            tags: TagPriority(interpreter.compatibleTags))
    }
}
