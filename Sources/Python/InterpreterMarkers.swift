import PackagingModel

extension Interpreter {
    /// The interpreter's PEP 508 marker environment, from its probe (with the probe's gaps filled
    /// from what is known of it otherwise).
    public var pep508Markers: MarkerEnvironment {
        let values = markerEnvironment
        return MarkerEnvironment(
            implementationName: values["implementation_name"] ?? implementationName,
            implementationVersion: values["implementation_version"] ?? implementationVersion,
            osName: values["os_name"] ?? "posix",
            platformMachine: values["platform_machine"] ?? "",
            platformPythonImplementation: values["platform_python_implementation"] ?? "CPython",
            platformRelease: values["platform_release"] ?? "",
            platformSystem: values["platform_system"] ?? "Linux",
            platformVersion: values["platform_version"] ?? "",
            pythonFullVersion: values["python_full_version"] ?? fullVersion.description,
            pythonVersion: values["python_version"] ?? version.minorVersion,
            sysPlatform: values["sys_platform"] ?? "linux")
    }
}
