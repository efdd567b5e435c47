/// The binary form of one parsed project page, as `ParsedPageEncoder` writes it and `ParsedFiles`
/// reads it (all integers little-endian, read unaligned):
///
///     header (64 bytes)
///       0  magic "KILNPAGE"
///       8  format version (u32), 12 reserved (u32)
///      16  length of the response body it was parsed from (u64)
///      24  SHA-256 of that body (32 bytes)
///      56  checksum of everything after the header (u64, `PageChecksum`)
///     payload
///      64  file count (u32), 68 string count (u32), 72 string bytes length (u32),
///      76  version count (u32), 80 grouped file count (u32), 84 reserved (u32)
///      88  string table: per string, offset and length (u32, u32) into the string bytes
///          file records: `recordSize` bytes each, in page order (below)
///          version table: `versionEntrySize` bytes per distinct version, newest first (below)
///          grouped files: the record number (u32) of each file of each version, version by
///          version, in page order within a version
///          string bytes (UTF-8)
///
/// Every text of a file (name, URL, hashes, requires-python, yank reason, the version and tag
/// triple cut from its name) is a string id: equal texts share one id, so a page of thousands of
/// files holds a few dozen distinct `requires-python` and tag strings, and a reader parses each
/// once. The header ties the entry to the response it came from; the checksum catches bytes
/// changed on disk. A reader trusts nothing else: every offset and id is checked where it is read,
/// and one out of bounds reads as absent.
///
/// The version table is the grouping every resolution of the project needs, done once when the
/// page is parsed: the distinct versions of the project's own distributions (files of other
/// projects, unparsable versions and wheels whose tags do not parse are left out; `1.0` and
/// `1.0.0` are one version, written as the text seen first), sorted newest first, each with its
/// files and the earliest upload time among them (`--exclude-newer` drops a version whose every
/// file is newer without looking at its files). A reader parses one text per version and
/// touches a version's records only when the resolver asks for that version.
enum ParsedPageLayout {
    static let magic: [UInt8] = Array("KILNPAGE".utf8)
    /// Bump when the layout or what the fields mean changes: older entries are then rebuilt.
    static let formatVersion: UInt32 = 2
    static let headerSize = 64
    static let countsSize = 24
    static let stringEntrySize = 8
    static let recordSize = 56
    static let versionEntrySize = 24
    /// The earliest upload time of a version none of whose files says when it was uploaded.
    static let noUploadTime: Int64 = .max
    /// A string id meaning "none".
    static let none: UInt32 = .max
    /// The yank-reason id of a file yanked without a reason.
    static let yankedWithoutReason: UInt32 = .max - 1

    enum Offset {
        static let formatVersion = 8
        static let sourceLength = 16
        static let sourceDigest = 24
        static let checksum = 56
        static let fileCount = 64
        static let stringCount = 68
        static let stringBytesLength = 72
        static let versionCount = 76
        static let groupedFileCount = 80
        static let stringTable = 88
    }

    /// Offsets inside one version entry.
    enum VersionField {
        /// The version as written in the first of its file names (a string id).
        static let text = 0
        /// Where its record numbers start among the grouped files, and how many there are.
        static let firstGrouped = 4
        static let groupedCount = 8
        /// Microseconds since the epoch (i64), `noUploadTime` when no file has one.
        static let earliestUpload = 16
    }

    /// Offsets inside one file record.
    enum Field {
        static let filename = 0
        static let url = 4
        static let hashes = 8
        static let requiresPython = 12
        static let yankReason = 16
        static let coreMetadata = 20
        static let version = 24
        static let tagTriple = 28
        static let kind = 32
        static let flags = 33
        static let uploadTime = 40
        static let size = 48
    }

    enum Flag {
        /// The URL is stored without credentials and takes the page URL's (a link on the same
        /// server as a private index): credentials never reach the cache.
        static let pageCredentials: UInt8 = 1
        static let hasUploadTime: UInt8 = 2
        static let hasSize: UInt8 = 4
    }
}

/// What a file on a project's page is, read from its name at parse time.
public enum ListedFileKind: UInt8, Sendable {
    /// Not a distribution of this project (another project's name, or a name that does not parse).
    case foreign = 0
    case wheel = 1
    case sourceDistribution = 2
}

/// A string of one parsed page, by its index in the page's string table: equal texts have equal
/// ids within one page (ids mean nothing across pages).
public struct PageStringID: Sendable, Hashable {
    public let value: Int
}

/// The facts candidate selection needs about one listed file, read without decoding the file.
public struct ListedFileFacts: Sendable {
    public let kind: ListedFileKind
    /// The version as written in the file name (nil for foreign files).
    public let version: PageStringID?
    /// `python-abi-platform` of a wheel's name.
    public let tagTriple: PageStringID?
    public let requiresPython: PageStringID?
    public let yanked: Bool
    /// The yank reason, nil when not yanked or yanked without one.
    public let yankReason: PageStringID?
}
