extension MarkerEnvironment {
    /// The marker environment of a CPython `fullVersion` (e.g. `3.12.0`) on `platform`, without
    /// an interpreter to ask. `platform_release` and `platform_version` (the kernel's release and
    /// build strings) cannot be known for another machine and are empty: a marker comparing
    /// them is false there, as for any value the target does not have.
    public static func cpython(fullVersion: Version, platform: TargetPlatform) -> MarkerEnvironment {
        let release = fullVersion.release
        let major = release.first ?? 3
        let minor = release.count > 1 ? release[1] : 0
        let micro = release.count > 2 ? release[2] : 0
        let full = "\(major).\(minor).\(micro)"
        return MarkerEnvironment(
            implementationName: "cpython", implementationVersion: full, osName: platform.osName,
            platformMachine: platform.machine, platformPythonImplementation: "CPython", platformRelease: "",
            platformSystem: platform.platformSystem, platformVersion: "", pythonFullVersion: full,
            pythonVersion: "\(major).\(minor)", sysPlatform: platform.sysPlatform)
    }
}
