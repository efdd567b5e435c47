/// Writes a wheel's parsed core metadata in the layout of `ParsedMetadataLayout`.
enum ParsedMetadataEncoder {
    static func encode(_ fields: ParsedMetadataFields, source: MetadataFileIdentity) -> [UInt8] {
        typealias Layout = ParsedMetadataLayout
        var strings = [fields.name, fields.version]
        if let requiresPython = fields.requiresPython { strings.append(requiresPython) }
        strings += fields.requiresDist

        var table: [UInt8] = []
        var stringBytes: [UInt8] = []
        for string in strings {
            let utf8 = Array(string.utf8)
            append(UInt32(stringBytes.count), to: &table)
            append(UInt32(utf8.count), to: &table)
            stringBytes += utf8
        }
        var payload: [UInt8] = []
        append(UInt32(strings.count), to: &payload)
        append(fields.requiresPython == nil ? 0 : Layout.Flag.hasRequiresPython, to: &payload)
        payload += table
        payload += stringBytes

        var bytes = Layout.magic
        append(Layout.formatVersion, to: &bytes)
        append(UInt32(0), to: &bytes)
        append(source.length, to: &bytes)
        append(source.inode, to: &bytes)
        append(UInt64(bitPattern: source.modified), to: &bytes)
        append(UInt64(bitPattern: source.changed), to: &bytes)
        append(UInt64(0), to: &bytes)
        append(payload.withUnsafeBytes { PageChecksum.of($0) }, to: &bytes)
        bytes += payload
        return bytes
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
