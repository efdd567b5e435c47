import Cache
import PackagingModel
import SystemSupport

/// The core metadata of a wheel without downloading it whole where possible (DESIGN.md,
/// "Resolution"): the `metadata-v1` cache, a copy of the wheel already on disk, the PEP 658
/// file, HTTP range requests into the wheel's zip, and only then the whole wheel. Results are
/// cached in `metadata-v1` by the wheel's SHA-256, like the PEP 658 files, and a resolution
/// reads them through `dependencies(of:project:)`, from a parsed entry beside each.
public struct WheelMetadataFetcher: Sendable {
    public let index: PackageIndex
    private let hosts: RangeSupport

    /// How each metadata was obtained; tests and `-v` output read it.
    public enum Route: String, Sendable, Equatable {
        case cache, localFile, coreMetadataFile, rangeRequests, wholeFile
    }

    public init(index: PackageIndex) {
        self.index = index
        self.hosts = RangeSupport()
    }

    public func metadata(of file: IndexFile, project: PackageName) async throws(WheelMetadataError) -> [UInt8] {
        try await metadataWithRoute(of: file, project: project).bytes
    }

    public func metadataWithRoute(of file: IndexFile, project: PackageName) async throws(WheelMetadataError) -> (bytes: [UInt8], route: Route) {
        let entry = cacheEntry(for: file, project: project)
        if let entry, let bytes = try? FileSystem.readBytes(entry) { return (bytes, .cache) }
        let (bytes, route) = try await fetch(file, project: project)
        if let entry, route != .coreMetadataFile {
            // Best effort: a cache that cannot be written only costs a later fetch.
            try? FileSystem.createDirectories(FileSystem.parent(of: entry))
            try? FileSystem.writeAtomically(bytes, to: entry)
        }
        return (bytes, route)
    }

    private func fetch(_ file: IndexFile, project: PackageName) async throws(WheelMetadataError) -> ([UInt8], Route) {
        if let local = localCopy(of: file) {
            return (try await ZipMetadataReader(source: try LocalZip(path: local), filename: file.filename).metadata(), .localFile)
        }
        if index.settings.cacheMode == .offline { throw .index(.notCachedOffline(url: file.url.redacted)) }
        do {
            if let bytes = try await index.coreMetadata(of: file, project: project) { return (bytes, .coreMetadataFile) }
        } catch {
            throw .index(error)
        }
        if await hosts.ignoresRanges(file.url.hostAndPort) {
            return (try await wholeFile(file), .wholeFile)
        }
        switch try await RangedZip.open(file.url, client: index.client, tailLength: ZipMetadataReader.tailLength) {
        case .ranged(let zip, let tail):
            return (try await ZipMetadataReader(source: zip, filename: file.filename).metadata(tail: tail), .rangeRequests)
        case .whole(let body):
            await hosts.recordIgnoresRanges(file.url.hostAndPort)
            await keep(body, of: file)
            return (try await ZipMetadataReader(source: InMemoryZip(bytes: body, label: file.url.redacted.text), filename: file.filename).metadata(), .wholeFile)
        }
    }

    /// A server that ignores `Range` sends every wheel whole: stream it into the archive store
    /// (where the installer finds it later) and read it there.
    private func wholeFile(_ file: IndexFile) async throws(WheelMetadataError) -> [UInt8] {
        let downloaded: DownloadedFile
        do {
            downloaded = try await index.download(file)
        } catch {
            throw .index(error)
        }
        return try await ZipMetadataReader(source: try LocalZip(path: downloaded.path), filename: file.filename).metadata()
    }

    /// A whole wheel that came as the answer to a range request is worth keeping: the installer
    /// would download it again otherwise. Only when its bytes are the ones the index lists.
    private func keep(_ body: [UInt8], of file: IndexFile) async {
        guard let listed = file.hashes.sha256, let digest = try? ArchiveDigest(hex: listed),
              ArchiveDigest.of(bytes: body) == digest else { return }
        _ = try? await index.archives.obtain(digest, filename: file.filename, timeout: index.settings.lockTimeout) { temporary in
            try FileSystem.writeAtomically(body, to: temporary)
            return ArchiveDigest.of(bytes: body)
        }
    }

    /// The wheel itself when it is already on disk: a `file://` link or an archive-store entry.
    private func localCopy(of file: IndexFile) -> String? {
        if file.url.isFile { return FileSystem.exists(file.url.filePath) ? file.url.filePath : nil }
        guard let listed = file.hashes.sha256, let digest = try? ArchiveDigest(hex: listed) else { return nil }
        return try? index.archives.lookup(digest, filename: file.filename)
    }

    /// `metadata-v1/<name>/<sha256>/<filename>.metadata`, the layout PEP 658 files are kept in.
    func cacheEntry(for file: IndexFile, project: PackageName) -> String? {
        guard let listed = file.hashes.sha256, let digest = try? ArchiveDigest(hex: listed) else { return nil }
        return try? index.cacheRoot.entryPath(.metadata, [project.normalized, digest.hex, file.filename + ".metadata"])
    }
}

/// Hosts seen answering a range request with the whole file; later wheels from them are
/// downloaded (streamed to disk) instead of asked for in ranges.
private actor RangeSupport {
    private var ignoring: Set<String> = []

    func ignoresRanges(_ host: String) -> Bool { ignoring.contains(host) }
    func recordIgnoresRanges(_ host: String) { ignoring.insert(host) }
}
