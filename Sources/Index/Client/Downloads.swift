import Cache
import SystemSupport

/// A distribution file on local disk.
public struct DownloadedFile: Sendable, Equatable {
    public let path: String
    public let sha256: String
    /// True if this call transferred it; false if it came from the cache (or another process,
    /// or is a local file used in place).
    public let wasDownloaded: Bool
}

extension PackageIndex {
    /// Puts `file` on disk. Remote files are cached by SHA-256 (`archives-v1`): a file already
    /// there is never downloaded again; otherwise it streams to a temporary file while hashed,
    /// must match the index's SHA-256 (nothing is cached if not), and is published with rename.
    /// Concurrent requests for one file, from any number of processes, download it once.
    public func download(_ file: IndexFile) async throws(IndexError) -> DownloadedFile {
        if file.url.isFile { return try localFile(file) }
        guard let listed = file.hashes.sha256 else { return try await downloadUnhashed(file) }
        let digest: ArchiveDigest
        do {
            digest = try ArchiveDigest(hex: listed)
        } catch {
            throw .invalidHash(filename: file.filename, value: listed)
        }
        do {
            let obtained = try await archives.obtain(
                digest, filename: file.filename, timeout: settings.lockTimeout, onWait: events.waiting
            ) { temporary in
                try await fetchFile(file, to: temporary)
            }
            return DownloadedFile(path: obtained.path, sha256: digest.hex, wasDownloaded: obtained.wasProduced)
        } catch {
            throw mapped(error, file: file)
        }
    }

    /// A file the index gives no hash for: it cannot be looked up before it is fetched, so it is
    /// downloaded and stored under the digest it turns out to have.
    private func downloadUnhashed(_ file: IndexFile) async throws(IndexError) -> DownloadedFile {
        do {
            let stored = try await archives.store(filename: file.filename) { temporary in
                try await fetchFile(file, to: temporary)
            }
            return DownloadedFile(path: stored.path, sha256: stored.digest.hex, wasDownloaded: true)
        } catch {
            throw mapped(error, file: file)
        }
    }

    private func fetchFile(_ file: IndexFile, to temporary: String) async throws -> ArchiveDigest {
        if settings.cacheMode == .offline { throw IndexError.notCachedOffline(url: file.url.redacted) }
        let request = HTTPRequest(url: file.url, body: .file(path: temporary), acceptCompressed: false, progressLabel: file.filename)
        let response = try await client.fetch(request, progress: events.progress)
        return try ArchiveDigest(hex: response.fileDigest ?? "")
    }

    /// `file://` links (local indexes, find-links directories) are used where they are, after the
    /// hash check when the index gave one.
    private func localFile(_ file: IndexFile) throws(IndexError) -> DownloadedFile {
        let path = file.url.filePath
        guard FileSystem.exists(path) else { throw .http(.localFile(path: path, reason: "no such file")) }
        let actual: ArchiveDigest
        do {
            actual = try ArchiveDigest.of(file: path)
        } catch {
            throw .cache(error)
        }
        if let expected = file.hashes.sha256, expected.lowercased() != actual.hex {
            throw .hashMismatch(filename: file.filename, url: file.url.redacted, expected: expected.lowercased(), actual: actual.hex)
        }
        return DownloadedFile(path: path, sha256: actual.hex, wasDownloaded: false)
    }

    private func mapped(_ error: any Error, file: IndexFile) -> IndexError {
        switch error {
        case let error as IndexError: return error
        case let error as HTTPError: return .http(error)
        case CacheError.digestMismatch(let filename, let expected, let actual):
            return .hashMismatch(filename: filename, url: file.url.redacted, expected: expected, actual: actual)
        case let error as CacheError: return .cache(error)
        default: return .cache(.producerFailed(entry: file.filename, message: String(describing: error)))
        }
    }
}
