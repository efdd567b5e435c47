import PackagingModel

/// One distribution file as an index lists it (PEP 503/691 and the PEPs that extend them).
public struct IndexFile: Sendable, Hashable {
    /// The file name as listed (`six-1.16.0-py2.py3-none-any.whl`).
    public let filename: String
    /// Absolute, resolved against the page URL, without the hash fragment.
    public let url: ParsedURL
    public let hashes: FileHashes
    /// PEP 503 `data-requires-python` / PEP 691 `requires-python`, HTML-unescaped, as written.
    public let requiresPython: String?
    public let yanked: Yanked
    /// PEP 658/714: whether `url + ".metadata"` holds the file's core metadata.
    public let coreMetadata: CoreMetadataAvailability
    /// PEP 700; nil when the index does not say.
    public let uploadTime: Timestamp?
    /// PEP 700 `size` (JSON only).
    public let size: Int64?

    public init(filename: String, url: ParsedURL, hashes: FileHashes, requiresPython: String? = nil,
                yanked: Yanked = .notYanked, coreMetadata: CoreMetadataAvailability = .unavailable,
                uploadTime: Timestamp? = nil, size: Int64? = nil) {
        self.filename = filename
        self.url = url
        self.hashes = hashes
        self.requiresPython = requiresPython
        self.yanked = yanked
        self.coreMetadata = coreMetadata
        self.uploadTime = uploadTime
        self.size = size
    }

    /// Where PEP 658 puts the core metadata of this file.
    public var metadataURL: ParsedURL {
        ParsedURL(scheme: url.scheme, credentials: url.credentials, host: url.host, port: url.port,
                  path: url.path + ".metadata", query: url.query, fragment: nil)
    }
}

/// Hex digests by algorithm name (`sha256`, ...), lowercase.
public struct FileHashes: Sendable, Hashable {
    public let digests: [String: String]

    public init(_ digests: [String: String] = [:]) {
        var normalized: [String: String] = [:]
        for (algorithm, digest) in digests { normalized[algorithm.lowercased()] = digest.lowercased() }
        self.digests = normalized
    }

    public var sha256: String? { digests["sha256"] }
    public var isEmpty: Bool { digests.isEmpty }
}

/// PEP 592: a yanked file is skipped unless pinned exactly; the reason is shown to the user.
public enum Yanked: Sendable, Hashable {
    case notYanked
    case yanked(reason: String?)

    public var isYanked: Bool {
        if case .yanked = self { return true }
        return false
    }
}

/// PEP 658/714 metadata availability (`core-metadata`, formerly `dist-info-metadata`).
public enum CoreMetadataAvailability: Sendable, Hashable {
    case unavailable
    /// Available; the hashes (possibly empty) check the metadata file itself.
    case available(FileHashes)
}

/// The files one index lists for one project.
public struct ProjectPage: Sendable, Equatable {
    public let name: PackageName
    /// Read in place from the page's parsed form: see `ParsedFiles` for the fast accessors.
    public let files: ParsedFiles
    /// The page the files came from (for messages): which index answered.
    public let source: RedactedURL

    public init(name: PackageName, files: ParsedFiles, source: RedactedURL) {
        self.name = name
        self.files = files
        self.source = source
    }

    public init(name: PackageName, files: [IndexFile], source: RedactedURL) {
        self.init(name: name, files: ParsedFiles(files, project: name), source: source)
    }
}
