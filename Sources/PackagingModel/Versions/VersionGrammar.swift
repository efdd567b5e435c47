/// The PEP 440 version grammar, scanned by hand from a cursor.
///
/// It matches what packaging's `VERSION_PATTERN` matches: every optional part is
/// tried greedily and given back whole when it does not complete, which is how
/// the regular expression behaves. The same scanner serves `Version(_:)` (which
/// then demands the end of input) and the specifier tokenizer (which stops
/// wherever the grammar stops, like `re.match`).
enum VersionGrammar {
    /// The pieces of a version as written, before numbers are converted.
    struct Scanned {
        var epochDigits: String?
        var releaseDigits: [String] = []
        var pre: (kind: PreRelease.Kind, digits: String)?
        var postDigits: String?
        var devDigits: String?
        var localParts: [String]?
        var hasWildcard = false

        var hasPreDevOrPost: Bool { pre != nil || postDigits != nil || devDigits != nil }
    }

    /// The spellings PEP 440 accepts for pre-release labels, longest first so that
    /// `alpha` wins over `a` and `preview` over `pre`.
    private static let preReleaseLabels: [(String, PreRelease.Kind)] = [
        ("alpha", .alpha), ("beta", .beta), ("preview", .releaseCandidate), ("pre", .releaseCandidate),
        ("rc", .releaseCandidate), ("a", .alpha), ("b", .beta), ("c", .releaseCandidate),
    ]
    private static let postReleaseLabels = ["post", "rev", "r"]
    private static let separators = "-_."

    /// Scans a version at the cursor. Returns nil, leaving the cursor where it was,
    /// when no version starts there.
    static func scan(
        _ cursor: inout ScalarCursor,
        allowWildcard: Bool,
        allowLocal: Bool,
        minimumReleaseSegments: Int = 1
    ) -> Scanned? {
        let start = cursor.position
        var scanned = Scanned()
        _ = cursor.consume("v", caseInsensitive: true)

        var first = cursor.consumeDigits()
        guard !first.isEmpty else {
            cursor.position = start
            return nil
        }
        if cursor.peek() == "!", cursor.peek(1)?.isASCIIDigit == true {
            cursor.position += 1
            scanned.epochDigits = first
            first = cursor.consumeDigits()
        }
        scanned.releaseDigits = [first]
        while cursor.peek() == ".", cursor.peek(1)?.isASCIIDigit == true {
            cursor.position += 1
            scanned.releaseDigits.append(cursor.consumeDigits())
        }
        guard scanned.releaseDigits.count >= minimumReleaseSegments else {
            cursor.position = start
            return nil
        }

        if allowWildcard, cursor.peek() == ".", cursor.peek(1) == "*" {
            cursor.position += 2
            scanned.hasWildcard = true
            return scanned
        }

        scanned.pre = scanPreRelease(&cursor)
        scanned.postDigits = scanPostRelease(&cursor)
        scanned.devDigits = scanDevRelease(&cursor)
        if allowLocal {
            scanned.localParts = scanLocal(&cursor)
        }
        return scanned
    }

    private static func scanPreRelease(_ cursor: inout ScalarCursor) -> (kind: PreRelease.Kind, digits: String)? {
        let start = cursor.position
        _ = cursor.consume(oneOf: separators)
        for (label, kind) in preReleaseLabels where cursor.consume(label, caseInsensitive: true) {
            _ = cursor.consume(oneOf: separators)
            return (kind, cursor.consumeDigits())
        }
        cursor.position = start
        return nil
    }

    private static func scanPostRelease(_ cursor: inout ScalarCursor) -> String? {
        let start = cursor.position
        // `1.0-1` is an implicit post-release.
        if cursor.peek() == "-", cursor.peek(1)?.isASCIIDigit == true {
            cursor.position += 1
            return cursor.consumeDigits()
        }
        _ = cursor.consume(oneOf: separators)
        for label in postReleaseLabels where cursor.consume(label, caseInsensitive: true) {
            _ = cursor.consume(oneOf: separators)
            return cursor.consumeDigits()
        }
        cursor.position = start
        return nil
    }

    private static func scanDevRelease(_ cursor: inout ScalarCursor) -> String? {
        let start = cursor.position
        _ = cursor.consume(oneOf: separators)
        guard cursor.consume("dev", caseInsensitive: true) else {
            cursor.position = start
            return nil
        }
        _ = cursor.consume(oneOf: separators)
        return cursor.consumeDigits()
    }

    private static func scanLocal(_ cursor: inout ScalarCursor) -> [String]? {
        guard cursor.peek() == "+", cursor.peek(1).map(isLocalCharacter) == true else { return nil }
        cursor.position += 1
        var parts = [consumeLocalPart(&cursor)]
        while let separator = cursor.peek(), separators.unicodeScalars.contains(separator),
              cursor.peek(1).map(isLocalCharacter) == true {
            cursor.position += 1
            parts.append(consumeLocalPart(&cursor))
        }
        return parts
    }

    private static func consumeLocalPart(_ cursor: inout ScalarCursor) -> String {
        let start = cursor.position
        while let next = cursor.peek(), isLocalCharacter(next) { cursor.position += 1 }
        return cursor.text(start..<cursor.position)
    }

    /// ASCII only: packaging matches with `re.ASCII`, so `İ` is not a letter here.
    private static func isLocalCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCIIDigit || scalar.isASCIILetter
    }
}
