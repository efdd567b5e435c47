import SystemSupport

/// `prepare_metadata_for_build_wheel`, in the environment a later `build_wheel` reuses.
extension ProjectBuilder {
    struct PreparedDistInfo {
        /// The METADATA file of the `.dist-info` directory the hook wrote.
        let metadataPath: String
        /// The backend has no prepare_metadata hook: the hook runner built the wheel (PEP 517's
        /// fallback) and took its .dist-info; this is that wheel, kept so it is not built again.
        let fallbackWheel: String?
    }

    /// Runs the metadata hook into `metadataDirectory` (which must exist and be empty).
    mutating func prepareMetadata(into metadataDirectory: String) async throws(BuildError) -> PreparedDistInfo {
        let invoker = try await preparedForWheel()
        let hook = BuildHook.prepareMetadataForBuildWheel
        let value = try await run(hook, invoker, [
            "metadata_directory": .string(metadataDirectory), "config_settings": configSettings.json,
        ])
        guard let value else {
            throw .input(.backendReturnedNothing(hook: hook, reason: "the backend has neither this hook nor build_wheel"))
        }
        guard let distInfo = value.string, distInfo.hasSuffix(".dist-info"), !distInfo.contains("/"), distInfo != ".." else {
            throw .input(.backendReturnedNothing(hook: hook, reason: "expected the basename of the .dist-info directory it wrote"))
        }
        let metadata = FileSystem.join(FileSystem.join(metadataDirectory, distInfo), "METADATA")
        guard FileSystem.exists(metadata) else {
            throw .input(.backendReturnedNothing(hook: hook, reason: "it named \(distInfo), which has no METADATA"))
        }
        // The hook runner's fallback leaves the wheel it built in this directory (see hook_runner.py).
        let wheels = FileSystem.join(metadataDirectory, ".kiln-wheel")
        let built = (try? FileSystem.listDirectory(wheels))?.first { $0.hasSuffix(".whl") }
        return PreparedDistInfo(metadataPath: metadata, fallbackWheel: built.map { FileSystem.join(wheels, $0) })
    }
}
