/// The distinct texts of one parsed page, in the order first seen: the string table and string
/// bytes of `ParsedPageLayout`, built while the page is encoded.
///
/// A page of thousands of files names a few dozen distinct `requires-python` and tag texts, so
/// most texts interned were seen before. They are looked up by their bytes (a hash of the bytes
/// into an open-addressed table of ids, then a byte comparison), so such a lookup allocates
/// nothing and never builds a `String`.
struct PageStringInterner {
    /// The UTF-8 bytes of every distinct text, one after the other in id order.
    private(set) var bytes: [UInt8] = []
    /// Per id: where its bytes start in `bytes`, and how many there are.
    private(set) var spans: [(start: UInt32, count: UInt32)] = []
    /// Per id: the hash of its bytes, so growing the table and most mismatches need no byte reads.
    private var hashes: [UInt64] = []
    /// Open addressing with linear probing: an id, or `empty`. Kept at most half full.
    private var slots: [UInt32] = Array(repeating: Self.empty, count: 256)
    private static let empty = UInt32.max

    var count: Int { spans.count }

    /// The id of `text`, added if it is new.
    mutating func id(_ text: UnsafeRawBufferPointer) -> UInt32 {
        let hash = Self.hash(text)
        var mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id == Self.empty { break }
            if hashes[Int(id)] == hash, matches(Int(id), text) { return id }
            slot = (slot + 1) & mask
        }
        let new = UInt32(spans.count)
        spans.append((UInt32(bytes.count), UInt32(text.count)))
        hashes.append(hash)
        bytes.append(contentsOf: text)
        if spans.count * 2 > slots.count {
            grow()
            mask = slots.count - 1
            slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != Self.empty { slot = (slot + 1) & mask }
        }
        slots[slot] = new
        return new
    }

    /// The text of `id`, which this interner gave out.
    func text(_ id: UInt32) -> String {
        let span = spans[Int(id)]
        return bytes.withUnsafeBytes { stored in
            String(decoding: UnsafeRawBufferPointer(rebasing: stored[Int(span.start)..<Int(span.start) + Int(span.count)]), as: UTF8.self)
        }
    }

    mutating func id(_ text: String) -> UInt32 {
        var text = text
        return text.withUTF8 { id(UnsafeRawBufferPointer($0)) }
    }

    private func matches(_ id: Int, _ text: UnsafeRawBufferPointer) -> Bool {
        let span = spans[id]
        guard Int(span.count) == text.count else { return false }
        return bytes.withUnsafeBytes { stored in
            let start = Int(span.start)
            return text.elementsEqual(UnsafeRawBufferPointer(rebasing: stored[start..<start + text.count]))
        }
    }

    private mutating func grow() {
        slots = Array(repeating: Self.empty, count: slots.count * 2)
        let mask = slots.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != Self.empty { slot = (slot + 1) & mask }
            slots[slot] = UInt32(id)
        }
    }

    /// Eight bytes per multiply, then the high bits folded down: the table indexes by low bits.
    private static func hash(_ text: UnsafeRawBufferPointer) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(text.count)
        var offset = 0
        while offset + 8 <= text.count {
            let word = UInt64(littleEndian: text.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            hash = ((hash ^ word) &* multiplier).rotatedLeft(by: 29)
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < text.count {
            tail |= UInt64(text[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* multiplier
        return hash ^ (hash >> 31)
    }
}

private extension UInt64 {
    func rotatedLeft(by count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
