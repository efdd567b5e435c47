/// A point in UTC time with microsecond precision: PEP 700 upload times and `--exclude-newer`.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let microsecondsSinceEpoch: Int64

    public init(microsecondsSinceEpoch: Int64) {
        self.microsecondsSinceEpoch = microsecondsSinceEpoch
    }

    /// RFC 3339 (`2024-05-20T16:08:19.530618Z`, `...+02:00`), or a bare date (`2024-05-20`,
    /// meaning its midnight UTC) as users write for `--exclude-newer`.
    public init?(rfc3339 text: String) {
        var text = text
        guard let value = text.withUTF8({ Timestamp(rfc3339UTF8: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = value
    }

    /// The same from UTF-8 bytes (a field of a page read in place), surrounding ASCII whitespace
    /// ignored.
    init?(rfc3339UTF8 text: UnsafeRawBufferPointer) {
        var start = 0
        var end = text.count
        while start < end, text[start].isASCIIWhitespace { start += 1 }
        while end > start, text[end - 1].isASCIIWhitespace { end -= 1 }
        let bytes = UnsafeRawBufferPointer(rebasing: text[start..<end])
        func digits(_ start: Int, _ count: Int) -> Int64? {
            guard start + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[start..<start + count] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        guard let year = digits(0, 4), bytes.count >= 10, bytes[4] == 45, let month = digits(5, 2), bytes[7] == 45,
            let day = digits(8, 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = Self.daysFromCivil(year: year, month: month, day: day) * 86_400
        var micros: Int64 = 0
        if bytes.count > 10 {
            guard bytes.count >= 19, bytes[10] == 84 || bytes[10] == 116 || bytes[10] == 32,
                let hour = digits(11, 2), bytes[13] == 58, let minute = digits(14, 2), bytes[16] == 58,
                let second = digits(17, 2), hour < 24, minute < 60, second < 61
            else { return nil }
            seconds += hour * 3600 + minute * 60 + second
            var index = 19
            if index < bytes.count, bytes[index] == 46 {
                index += 1
                var scale: Int64 = 100_000
                while index < bytes.count, (48...57).contains(bytes[index]) {
                    micros += Int64(bytes[index] - 48) * scale
                    scale /= 10
                    index += 1
                }
            }
            guard index < bytes.count else { return nil }
            if bytes[index] == 90 || bytes[index] == 122 {
                guard index + 1 == bytes.count else { return nil }
            } else if bytes[index] == 43 || bytes[index] == 45, let offsetHours = digits(index + 1, 2),
                index + 3 < bytes.count, bytes[index + 3] == 58, let offsetMinutes = digits(index + 4, 2),
                index + 6 == bytes.count {
                let offset = offsetHours * 3600 + offsetMinutes * 60
                seconds += bytes[index] == 43 ? -offset : offset
            } else {
                return nil
            }
        }
        microsecondsSinceEpoch = seconds * 1_000_000 + micros
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.microsecondsSinceEpoch < rhs.microsecondsSinceEpoch
    }

    public var description: String { "\(microsecondsSinceEpoch / 1_000_000)s since 1970 (UTC)" }
}
