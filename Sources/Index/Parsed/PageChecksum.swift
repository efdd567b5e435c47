/// A 64-bit checksum of a parsed page's payload: catches bytes changed or cut short on disk (not
/// an adversary: the entry lives in the user's own cache, beside the response it came from).
/// Every warm resolution checks every page it reads, megabytes per run, so the bytes are taken
/// 32 at a time in four independent lanes (one multiply per 8 bytes, the lanes' multiplies
/// overlapping in the pipeline) and the lanes folded together at the end.
enum PageChecksum {
    private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let seed: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(bytes.count)
        var lanes = (seed, seed ^ 0x1, seed ^ 0x2, seed ^ 0x3)
        var offset = 0
        // (h ^ w) * odd is a bijection of h for each w, so changing any one word of a lane
        // changes that lane; the fold below keeps every lane's change in the result.
        while offset + 32 <= bytes.count {
            lanes.0 = (lanes.0 ^ word(bytes, offset)) &* multiplier
            lanes.1 = (lanes.1 ^ word(bytes, offset + 8)) &* multiplier
            lanes.2 = (lanes.2 ^ word(bytes, offset + 16)) &* multiplier
            lanes.3 = (lanes.3 ^ word(bytes, offset + 24)) &* multiplier
            offset += 32
        }
        var hash = lanes.0
        for lane in [lanes.1, lanes.2, lanes.3] {
            hash = (hash ^ (hash >> 29) ^ lane) &* multiplier
        }
        while offset + 8 <= bytes.count {
            hash = (hash ^ word(bytes, offset)) &* multiplier
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* multiplier
        hash ^= hash >> 32
        return hash
    }

    private static func word(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}
