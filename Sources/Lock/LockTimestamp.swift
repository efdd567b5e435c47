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

extension LockTimestamp {
    /// A UTC time given as seconds since 1970, written to the second (as uv writes upload
    /// times: an index's microseconds add nothing a lock needs).
    public init(secondsSinceEpoch seconds: Int64) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Civil date from a day count (Howard Hinnant's days_from_civil, inverted).
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        self.text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }
}
