#if canImport(Glibc)
import Glibc
#endif
import SystemSupport

/// Distribution files (wheels, sdists) stored under their SHA-256, in `archives-v1`:
///
///     archives-v1/sha256/<first 2 hex digits>/<64 hex digits>/<filename>
///
/// Content-addressed, so an entry never goes stale and is never revalidated; the file keeps its
/// own name because installers and builders read the name (tags, version). Files are published
/// read-only (0444) and whole: a download is written to a temporary sibling, its digest checked,
/// and renamed in. A file whose digest is not the expected one is never stored.
///
/// Typical use by the index client, which hashes while it downloads:
///
///     let stored = try await ArchiveStore(root: cache).obtain(digest, filename: "six-1.16.0-py2.py3-none-any.whl",
///                                                             timeout: cache.lockTimeout, onWait: report) { path in
///         try await download(url, to: path)   // returns the ArchiveDigest of the bytes it wrote
///     }
public struct ArchiveStore: Sendable {
    public let root: CacheRoot

    public init(root: CacheRoot) {
        self.root = root
    }

    /// Where the file with `digest` and `filename` lives (whether or not it is there yet).
    public func path(of digest: ArchiveDigest, filename: String) throws(CacheError) -> String {
        let prefix = String(digest.hex.prefix(2))
        return try root.entryPath(.archives, ["sha256", prefix, digest.hex, filename])
    }

    /// The stored file's path, or nil if it has not been stored.
    public func lookup(_ digest: ArchiveDigest, filename: String) throws(CacheError) -> String? {
        let path = try path(of: digest, filename: filename)
        return CacheEntry.isPublished(path) ? path : nil
    }

    /// Returns the stored file, producing it once if it is missing, even when many processes ask
    /// at once (they wait on the entry's lock and then find it). `produce` writes the file at the
    /// path it is given and returns the SHA-256 of what it wrote; a digest other than `digest`
    /// throws `CacheError.digestMismatch` and stores nothing. Errors of `produce` pass through.
    public func obtain(
        _ digest: ArchiveDigest,
        filename: String,
        timeout: Duration,
        onWait: (String) -> Void = { _ in },
        produce: (String) async throws -> ArchiveDigest
    ) async throws -> ObtainedEntry {
        let entry = try path(of: digest, filename: filename)
        return try await CacheEntry.obtain(entry, resource: filename, timeout: timeout, onWait: onWait) { temporary in
            let written = try await produce(temporary)
            guard written == digest else {
                throw CacheError.digestMismatch(filename: filename, expected: digest.hex, actual: written.hex)
            }
            Self.makeReadOnly(temporary)
        }
    }

    /// Stores a file whose digest is not known in advance (a find-links file, a URL without a hash):
    /// `produce` writes it and returns its digest, and it is published under that digest. No lock
    /// is taken: two processes storing the same content publish the same bytes, and the second
    /// rename is refused harmlessly.
    public func store(
        filename: String,
        produce: (String) async throws -> ArchiveDigest
    ) async throws -> StoredArchive {
        guard CacheKey.isSafeComponent(filename) else { throw CacheError.invalidKey(filename) }
        let staging = try root.entryPath(.archives, ["sha256"])
        do {
            try FileSystem.createDirectories(staging)
        } catch {
            throw CacheError.io(error)
        }
        let temporary = FileSystem.temporarySibling(of: FileSystem.join(staging, filename))
        let digest: ArchiveDigest
        do {
            digest = try await produce(temporary)
        } catch {
            try? FileSystem.removeTree(temporary)
            throw error
        }
        guard CacheEntry.isPublished(temporary) else { throw CacheError.nothingProduced(entry: filename) }
        return try publish(temporary, digest: digest, filename: filename)
    }

    /// Copies a local file into the store, hashing it while it is copied.
    public func store(copyOf source: String, filename: String? = nil) async throws(CacheError) -> StoredArchive {
        let name = filename ?? FileSystem.basename(of: source)
        do {
            return try await store(filename: name) { temporary in try Self.copy(source, to: temporary) }
        } catch let error as CacheError {
            throw error
        } catch {
            throw .producerFailed(entry: name, message: String(describing: error))
        }
    }

    private func publish(_ temporary: String, digest: ArchiveDigest, filename: String) throws(CacheError) -> StoredArchive {
        let entry: String
        do throws(CacheError) {
            entry = try path(of: digest, filename: filename)
            do {
                try FileSystem.createDirectories(FileSystem.parent(of: entry))
            } catch {
                throw .io(error)
            }
        } catch {
            try? FileSystem.removeTree(temporary)
            throw error
        }
        Self.makeReadOnly(temporary)
        // A rename from sha256/ into sha256/ab/<digest>/ stays on one filesystem: still atomic.
        let published = try CacheEntry.publish(temporary, as: entry)
        return StoredArchive(path: entry, digest: digest, filename: filename, wasProduced: published)
    }

    /// Read-only, so nothing that opens a cached archive can change what its name promises.
    private static func makeReadOnly(_ path: String) {
        _ = chmod(path, 0o444)
    }

    private static func copy(_ source: String, to destination: String) throws(CacheError) -> ArchiveDigest {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw .io(SystemCallError("cannot open", path: source)) }
        defer { close(input) }
        let output = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard output >= 0 else { throw .io(SystemCallError("cannot create", path: destination)) }
        defer { close(output) }
        var hasher = SHA256Hasher()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(SystemCallError("cannot read", path: source))
            }
            if count == 0 { break }
            let chunk = Array(buffer[0..<count])
            hasher.update(chunk)
            do {
                try FileSystem.writeAll(fd: output, bytes: chunk, path: destination)
            } catch {
                throw .io(error)
            }
        }
        return try ArchiveDigest(hex: hasher.finalizeHex())
    }
}

/// A file in the archive store.
public struct StoredArchive: Sendable, Equatable {
    public let path: String
    public let digest: ArchiveDigest
    public let filename: String
    /// False if the same content was already stored under this name.
    public let wasProduced: Bool
}
