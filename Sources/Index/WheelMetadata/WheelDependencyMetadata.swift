import PackagingModel

extension WheelMetadataFetcher {
    /// What a resolution needs from the core metadata of `file` (a wheel): on a warm cache, read
    /// from the parsed entry beside the cached METADATA file without parsing METADATA again
    /// (`StoredDependencyMetadata`); else fetched as `metadata(of:project:)` does and parsed,
    /// and the parsed entry written beside the METADATA file the fetch stored.
    public func dependencies(of file: IndexFile, project: PackageName) async throws(WheelMetadataError) -> DependencyMetadata {
        let source = file.filename + "/METADATA"
        let entry = cacheEntry(for: file, project: project)
        if let entry, let stored = StoredDependencyMetadata.read(metadataAt: entry, source: source) {
            return try Self.checked(stored, filename: file.filename)
        }
        let bytes = try await metadata(of: file, project: project)
        // The entry is tied to the file the fetch stored, and written only when that file holds
        // the bytes parsed here (another process may have stored its own copy meanwhile).
        var stored: (path: String, identity: MetadataFileIdentity)?
        if let entry, let (onDisk, identity) = try? MetadataFileIdentity.contents(of: entry), let identity, onDisk == bytes {
            stored = (entry, identity)
        }
        return try Self.checked(StoredDependencyMetadata.parse(bytes, source: source, writingEntryFor: stored), filename: file.filename)
    }

    private static func checked(
        _ result: Result<DependencyMetadata, CoreMetadataError>, filename: String
    ) throws(WheelMetadataError) -> DependencyMetadata {
        switch result {
        case .success(let metadata): return metadata
        case .failure(let error): throw .invalidMetadata(filename: filename, error)
        }
    }
}
