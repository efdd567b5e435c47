extension Version {
    /// Parses a PEP 440 version, accepting every spelling PEP 440 normalises:
    /// a leading `v`, any letter case, `-`, `_` or `.` separators, `alpha`/`beta`/
    /// `c`/`pre`/`preview`, `rev`/`r`, implicit numbers, `1.0-1`, and surrounding
    /// whitespace.
    public init(_ string: String) throws(VersionParseError) {
        // Most versions on an index page are plain releases (`2.31.0`): read those in one pass
        // over the bytes, the grammar below being for everything else.
        if let release = Self.plainRelease(string.utf8) {
            self.init(unchecked: 0, release: release, pre: nil, post: nil, dev: nil, local: nil)
            return
        }
        let scalars = Array(string.unicodeScalars)
        var lower = 0
        var upper = scalars.count
        while lower < upper, scalars[lower].isPythonWhitespace { lower += 1 }
        while upper > lower, scalars[upper - 1].isPythonWhitespace { upper -= 1 }
        guard lower < upper else { throw .empty }

        var cursor = ScalarCursor(scalars: Array(scalars[lower..<upper]))
        guard let scanned = VersionGrammar.scan(&cursor, allowWildcard: false, allowLocal: true) else {
            throw .invalidSyntax(
                input: string, offset: lower + cursor.position,
                reason: "expected a release number such as '1.0'"
            )
        }
        if let unexpected = cursor.peek() {
            throw .invalidSyntax(
                input: string, offset: lower + cursor.position,
                reason: "unexpected '\(Character(unexpected))' after '\(cursor.text(0..<cursor.position))'"
            )
        }
        self = try Version(scanned: scanned, in: cursor.scalars, input: string)
    }

    /// Converts scanned text to numbers, refusing any that do not fit in an `Int`.
    init(scanned: VersionGrammar.Scanned, in scalars: [Unicode.Scalar], input: String) throws(VersionParseError) {
        func number(_ digits: Range<Int>) throws(VersionParseError) -> Int {
            var value = 0
            for index in digits {
                let (shifted, overflowShift) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflowAdd) = shifted.addingReportingOverflow(Int(scalars[index].value - 0x30))
                if overflowShift || overflowAdd {
                    throw .numberTooLarge(input: input, digits: String(scalars: scalars[digits]))
                }
                value = sum
            }
            return value
        }
        let epoch = try scanned.epochDigits.map { digits throws(VersionParseError) in try number(digits) } ?? 0
        var release: [Int] = []
        release.reserveCapacity(scanned.releaseDigits.count)
        for digits in scanned.releaseDigits { release.append(try number(digits)) }
        var pre: PreRelease?
        if let scannedPre = scanned.pre {
            pre = PreRelease(kind: scannedPre.kind, number: try number(scannedPre.digits))
        }
        let post = try scanned.postDigits.map { digits throws(VersionParseError) in try number(digits) }
        let dev = try scanned.devDigits.map { digits throws(VersionParseError) in try number(digits) }
        let local = scanned.localParts.map { parts in parts.map { LocalSegment(raw: String(scalars: scalars[$0])) } }
        self.init(unchecked: epoch, release: release, pre: pre, post: post, dev: dev, local: local)
    }

    /// The numbers of a text made only of dot-separated decimal numbers (each under 19 digits,
    /// so it fits an `Int`); nil for anything else.
    static func plainRelease(_ text: String.UTF8View) -> [Int]? {
        var release: [Int] = []
        var value = 0
        var digits = 0
        for byte in text {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits < 18 else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            case UInt8(ascii: "."):
                guard digits > 0 else { return nil }
                release.append(value)
                value = 0
                digits = 0
            default:
                return nil
            }
        }
        guard digits > 0 else { return nil }
        release.append(value)
        return release
    }
}
