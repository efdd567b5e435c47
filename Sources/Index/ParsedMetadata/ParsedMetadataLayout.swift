import Cache
/// The binary form of one wheel's parsed core metadata, as `ParsedMetadataEncoder` writes it and
/// `ParsedMetadataEntry` reads it (integers little-endian, read unaligned). It sits beside the
/// METADATA file it came from (`<filename>.metadata` → `<filename>.metadata.parsed`):
///
///     header (64 bytes)
///       0  magic "KILNMETA"
///       8  format version (u32), 12 reserved (u32, zero)
///      16  the METADATA file's length (u64)
///      24  its inode number (u64)
///      32  its modification time, nanoseconds since the epoch (i64)
///      40  its inode change time, nanoseconds since the epoch (i64)
///      48  reserved (u64, zero)
///      56  checksum of everything after the header (u64, `PageChecksum`)
///     payload
///      64  string count (u32), 68 flags (u32)
///      72  string table: per string, offset and length (u32, u32) into the string bytes
///          string bytes (UTF-8)
///
/// The strings are the field values as METADATA writes them, in this order: `Name`, `Version`,
/// `Requires-Python` (only when `Flag.hasRequiresPython`), then every `Requires-Dist`. They are
/// stored as text, not as parsed structure: a reader parses them with the same parsers the
/// METADATA path uses, so both paths give equal values by construction, and a kiln whose parsers
/// changed reads old entries with its own (a string they now reject makes the entry unsound, and
/// it is rebuilt). Measured on a warm offline compile of the 40-package set, parsing these
/// strings is about 1.5% of the run; decoding stored structure would still build the same values,
/// so it could save at most that, for a layout that must change with every parser change.
///
/// The header ties the entry to the METADATA file by its `stat` identity rather than a digest of
/// its bytes: checking it costs one `stat`, where a digest would mean reading and hashing the
/// whole file (mostly long description) on every run, which is the work this entry saves. Cache
/// entries are only ever replaced by renaming a new file in, which gives a new inode and change
/// time, and the change time cannot be set from user space, so an entry whose identity matches
/// was derived from the very bytes the METADATA file holds. A copied or restored cache gets new
/// identities: its entries are rebuilt once, never wrongly trusted.
enum ParsedMetadataLayout {
    static let magic: [UInt8] = Array("KILNMETA".utf8)
    /// Bump when the layout or what the fields mean changes: older entries are then rebuilt.
    static let formatVersion: UInt32 = 1
    static let headerSize = 64
    static let stringEntrySize = 8
    /// The name of the parsed entry beside a METADATA file.
    static let suffix = DerivedEntry.suffix

    enum Offset {
        static let formatVersion = 8
        /// Reserved fields are written as zero, and an entry with anything else there is not read.
        static let reserved = 12
        static let sourceLength = 16
        static let sourceInode = 24
        static let sourceModified = 32
        static let sourceChanged = 40
        static let reservedWide = 48
        static let checksum = 56
        static let stringCount = 64
        static let flags = 68
        static let stringTable = 72
    }

    enum Flag {
        static let hasRequiresPython: UInt32 = 1
    }
}
