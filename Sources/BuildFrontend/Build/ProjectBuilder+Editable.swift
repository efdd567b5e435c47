/// PEP 660: an editable wheel, whose files point back at the source tree instead of copying it.
extension ProjectBuilder {
    /// Builds an editable wheel into `outputDirectory` and returns its filename. The environment
    /// is prepared as for a wheel, but the second phase asks `get_requires_for_build_editable`
    /// (setuptools adds `wheel`, hatchling `editables`). A backend without `build_editable` is an
    /// error that names it: PEP 660 has no fallback to `build_wheel`.
    mutating func buildEditable(into outputDirectory: String) async throws(BuildError) -> String {
        let invoker = try await prepare(requiresHook: .getRequiresForBuildEditable)
        let value = try await run(.buildEditable, invoker, [
            "wheel_directory": .string(outputDirectory), "config_settings": configSettings.json, "metadata_directory": .null,
        ])
        return try producedFile(value, hook: .buildEditable, in: outputDirectory, suffix: ".whl")
    }
}
