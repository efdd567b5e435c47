/// Reads a parsed metadata entry (`ParsedMetadataLayout`), trusting nothing: the magic, format
/// version and source identity must match, the checksum must hold, and every count and offset
/// must stay inside the bytes. Anything else is not an entry, and the caller rebuilds it.
enum ParsedMetadataEntry {
    /// The fields stored in `entry`, if it is a sound entry derived from the METADATA file
    /// whose identity is `source`.
    static func fields(in entry: [UInt8], source: MetadataFileIdentity) -> ParsedMetadataFields? {
        entry.withUnsafeBytes { fields(in: $0, source: source) }
    }

    static func fields(in bytes: UnsafeRawBufferPointer, source: MetadataFileIdentity) -> ParsedMetadataFields? {
        typealias Layout = ParsedMetadataLayout
        guard bytes.count >= Layout.Offset.stringTable,
            Layout.magic.indices.allSatisfy({ bytes[$0] == Layout.magic[$0] }),
            u32(bytes, Layout.Offset.formatVersion) == Layout.formatVersion,
            u32(bytes, Layout.Offset.reserved) == 0, u64(bytes, Layout.Offset.reservedWide) == 0,
            u64(bytes, Layout.Offset.sourceLength) == source.length,
            u64(bytes, Layout.Offset.sourceInode) == source.inode,
            Int64(bitPattern: u64(bytes, Layout.Offset.sourceModified)) == source.modified,
            Int64(bitPattern: u64(bytes, Layout.Offset.sourceChanged)) == source.changed,
            u64(bytes, Layout.Offset.checksum) == PageChecksum.of(UnsafeRawBufferPointer(rebasing: bytes[Layout.headerSize...]))
        else { return nil }
        // The checksum says the bytes are the ones written; these say the writer wrote sense.
        let count = Int(u32(bytes, Layout.Offset.stringCount))
        let flags = u32(bytes, Layout.Offset.flags)
        let hasRequiresPython = flags & Layout.Flag.hasRequiresPython != 0
        guard flags & ~Layout.Flag.hasRequiresPython == 0, count >= (hasRequiresPython ? 3 : 2),
            count <= (bytes.count - Layout.Offset.stringTable) / Layout.stringEntrySize
        else { return nil }
        let stringBytesOffset = Layout.Offset.stringTable + count * Layout.stringEntrySize
        let stringBytesLength = bytes.count - stringBytesOffset
        var strings: [String] = []
        strings.reserveCapacity(count)
        for index in 0..<count {
            let entry = Layout.Offset.stringTable + index * Layout.stringEntrySize
            let offset = Int(u32(bytes, entry)), length = Int(u32(bytes, entry + 4))
            guard offset <= stringBytesLength, length <= stringBytesLength - offset,
                let string = String(validating: bytes[(stringBytesOffset + offset)..<(stringBytesOffset + offset + length)], as: UTF8.self)
            else { return nil }
            strings.append(string)
        }
        let firstRequirement = hasRequiresPython ? 3 : 2
        return ParsedMetadataFields(
            name: strings[0], version: strings[1], requiresPython: hasRequiresPython ? strings[2] : nil,
            requiresDist: Array(strings[firstRequirement...]))
    }

    private static func u32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    private static func u64(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}
