import PackagingModel

/// What `clean` or `prune` removed, for the CLI to report.
public struct CacheRemovalReport: Sendable, Equatable {
    public enum Reason: Sendable, Equatable, CustomStringConvertible {
        /// `kiln cache clean` with no names: the whole cache.
        case everything
        /// An entry of a package named to `kiln cache clean`.
        case package(PackageName)
        /// A temporary left by a process that is gone (or that is over an hour old).
        case abandonedTemporary
        /// A lock file whose entry does not exist.
        case orphanLock
        /// An unpacked wheel none of whose files is hard-linked into an environment.
        case unlinkedWheel
        /// A directory left empty by the removals.
        case emptyDirectory
        /// A remembered digest of a local file that is gone or has changed since.
        case staleFileDigest
        /// A derived entry (`DerivedEntry`) whose source entry is gone.
        case orphanDerivedEntry

        public var description: String {
            switch self {
            case .everything: return "cache contents"
            case .package(let name): return "entry of \(name.normalized)"
            case .abandonedTemporary: return "abandoned temporary"
            case .orphanLock: return "orphan lock file"
            case .unlinkedWheel: return "unpacked wheel not linked into any environment"
            case .emptyDirectory: return "empty directory"
            case .staleFileDigest: return "digest of a local file that is gone or changed"
            case .orphanDerivedEntry: return "parsed form of an entry that is gone"
            }
        }
    }

    public struct Removal: Sendable, Equatable {
        /// The path relative to the cache root.
        public let path: String
        /// Bytes given back to the filesystem: regular files no hard link elsewhere keeps alive.
        public let bytes: Int64
        public let reason: Reason
    }

    public private(set) var removals: [Removal] = []

    public init() {}

    public var bytesFreed: Int64 { removals.reduce(0) { $0 + $1.bytes } }

    /// Removals other than empty directories and lock files: what a user would call entries.
    public var entryCount: Int {
        removals.filter { $0.reason != .emptyDirectory && $0.reason != .orphanLock }.count
    }

    mutating func record(_ path: String, bytes: Int64, reason: Reason) {
        removals.append(Removal(path: path, bytes: bytes, reason: reason))
    }
}
