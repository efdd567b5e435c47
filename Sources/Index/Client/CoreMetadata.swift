import Cache
import PackagingModel
import SystemSupport

extension PackageIndex {
    /// The core metadata of `file` from its PEP 658 `.metadata` sibling, checked against the
    /// index's hash for it. Cached in `metadata-v1` by the distribution's SHA-256 (immutable, like
    /// the file); nil when the index does not offer metadata for this file.
    public func coreMetadata(of file: IndexFile, project: PackageName) async throws(IndexError) -> [UInt8]? {
        guard case .available(let hashes) = file.coreMetadata else { return nil }
        let entry = try metadataEntry(for: file, project: project)
        if let entry, let bytes = try? FileSystem.readBytes(entry) { return bytes }
        if settings.cacheMode == .offline { throw .notCachedOffline(url: file.metadataURL.redacted) }

        let response: HTTPResponse
        do {
            response = try await client.fetch(HTTPRequest(url: file.metadataURL))
        } catch {
            throw .http(error)
        }
        guard (200..<300).contains(response.status) else {
            // The index promised metadata it does not have: the caller falls back to the file.
            if response.status == 404 { return nil }
            throw .http(.status(code: response.status, url: file.metadataURL.redacted, attempts: 1))
        }
        if let expected = hashes.sha256 {
            let actual = SHA256Hasher.hexDigest(of: response.body)
            guard actual == expected else {
                throw .hashMismatch(filename: file.filename + ".metadata", url: file.metadataURL.redacted, expected: expected, actual: actual)
            }
        }
        if let entry {
            do {
                try FileSystem.createDirectories(FileSystem.parent(of: entry))
                try FileSystem.writeAtomically(response.body, to: entry)
            } catch {
                throw .cache(.io(error))
            }
        }
        return response.body
    }

    /// `metadata-v1/<name>/<digest>/<filename>.metadata`, for files the index gives a hash.
    private func metadataEntry(for file: IndexFile, project: PackageName) throws(IndexError) -> String? {
        guard let listed = file.hashes.sha256, let digest = try? ArchiveDigest(hex: listed) else { return nil }
        do {
            return try cacheRoot.entryPath(.metadata, [project.normalized, digest.hex, file.filename + ".metadata"])
        } catch {
            throw .cache(error)
        }
    }
}
