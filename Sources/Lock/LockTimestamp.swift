/// An upload time as PEP 751 records it: a TOML offset date-time in UTC, kept as its RFC 3339
/// text (`2024-08-26T20:19:40Z`, fractional seconds as given) so that writing it back is exact.
public struct LockTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let text: String

    /// Accepts `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, the forms indexes (PEP 700) and lock
    /// writers use; an offset of zero is written as `Z`. Nil for anything else.
    public init?(rfc3339 value: String) {
        var text = value.replacingOccurrences(of: " ", with: "T")
        if text.hasSuffix("+00:00") { text = String(text.dropLast(6)) + "Z" }
        var bytes = Array(text.utf8)
        // A non-zero offset (`+02:00`) is kept as written; only its shape is checked.
        var offset: [UInt8] = []
        if bytes.count >= 25, let sign = bytes.dropLast(5).last, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            offset = Array(bytes.suffix(6))
            guard offset[3] == UInt8(ascii: ":"), [1, 2, 4, 5].allSatisfy({ offset[$0] >= 48 && offset[$0] <= 57 }) else { return nil }
            bytes = Array(bytes.dropLast(6)) + [UInt8(ascii: "Z")]
        }
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z") else { return nil }
        let pattern = Array("dddd-dd-ddTdd:dd:dd".utf8)
        for (index, expected) in pattern.enumerated() {
            let byte = bytes[index]
            if expected == UInt8(ascii: "d") {
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            } else if byte != expected && !(expected == UInt8(ascii: "T") && byte == UInt8(ascii: "t")) {
                return nil
            }
        }
        let rest = bytes[19..<(bytes.count - 1)]
        if !rest.isEmpty {
            guard rest.first == UInt8(ascii: "."), rest.count > 1,
                  rest.dropFirst().allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        }
        self.text = offset.isEmpty ? text : String(decoding: bytes.dropLast() + offset, as: UTF8.self)
    }

    public static func < (lhs: LockTimestamp, rhs: LockTimestamp) -> Bool { lhs.text < rhs.text }
    public var description: String { text }
}
