/// The PEP 440 version grammar, scanned by hand from a cursor.
///
/// It matches what packaging's `VERSION_PATTERN` matches: every optional part is
/// tried greedily and given back whole when it does not complete, which is how
/// the regular expression behaves. The same scanner serves `Version(_:)` (which
/// then demands the end of input) and the specifier tokenizer (which stops
/// wherever the grammar stops, like `re.match`).
enum VersionGrammar {
    /// Where the pieces of a version are in the scanned text, before numbers are
    /// converted (positions rather than substrings: building strings is the
    /// expensive part of parsing).
    struct Scanned {
        var epochDigits: Range<Int>?
        var releaseDigits: [Range<Int>] = []
        var pre: (kind: PreRelease.Kind, digits: Range<Int>)?
        var postDigits: Range<Int>?
        var devDigits: Range<Int>?
        var localParts: [Range<Int>]?
        var hasWildcard = false

        var hasPreDevOrPost: Bool { pre != nil || postDigits != nil || devDigits != nil }
    }

    // The label spellings PEP 440 accepts, as scalars (lowercase; matched case-insensitively).
    private static let alpha: [Unicode.Scalar] = ["a", "l", "p", "h", "a"]
    private static let beta: [Unicode.Scalar] = ["b", "e", "t", "a"]
    private static let preview: [Unicode.Scalar] = ["p", "r", "e", "v", "i", "e", "w"]
    private static let pre: [Unicode.Scalar] = ["p", "r", "e"]
    private static let releaseCandidate: [Unicode.Scalar] = ["r", "c"]
    private static let post: [Unicode.Scalar] = ["p", "o", "s", "t"]
    private static let rev: [Unicode.Scalar] = ["r", "e", "v"]
    private static let devLabel: [Unicode.Scalar] = ["d", "e", "v"]

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
        if cursor.peek()?.asciiLowercased == "v" { cursor.position += 1 }

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

    private static func scanPreRelease(_ cursor: inout ScalarCursor) -> (kind: PreRelease.Kind, digits: Range<Int>)? {
        let start = cursor.position
        _ = cursor.consumeSeparator()
        guard let kind = consumePreReleaseLabel(&cursor) else {
            cursor.position = start
            return nil
        }
        _ = cursor.consumeSeparator()
        return (kind, cursor.consumeDigits())
    }

    /// Longest spelling first, so that `alpha` wins over `a` and `preview` over `pre`.
    private static func consumePreReleaseLabel(_ cursor: inout ScalarCursor) -> PreRelease.Kind? {
        switch cursor.peek()?.asciiLowercased {
        case "a":
            if !cursor.consume(alpha, caseInsensitive: true) { cursor.position += 1 }
            return .alpha
        case "b":
            if !cursor.consume(beta, caseInsensitive: true) { cursor.position += 1 }
            return .beta
        case "c":
            cursor.position += 1
            return .releaseCandidate
        case "p":
            let matched = cursor.consume(preview, caseInsensitive: true) || cursor.consume(pre, caseInsensitive: true)
            return matched ? .releaseCandidate : nil
        case "r":
            return cursor.consume(releaseCandidate, caseInsensitive: true) ? .releaseCandidate : nil
        default:
            return nil
        }
    }

    private static func scanPostRelease(_ cursor: inout ScalarCursor) -> Range<Int>? {
        let start = cursor.position
        // `1.0-1` is an implicit post-release.
        if cursor.peek() == "-", cursor.peek(1)?.isASCIIDigit == true {
            cursor.position += 1
            return cursor.consumeDigits()
        }
        _ = cursor.consumeSeparator()
        let labelled: Bool
        switch cursor.peek()?.asciiLowercased {
        case "p":
            labelled = cursor.consume(post, caseInsensitive: true)
        case "r":
            // `rev` or plain `r`.
            if !cursor.consume(rev, caseInsensitive: true) { cursor.position += 1 }
            labelled = true
        default:
            labelled = false
        }
        guard labelled else {
            cursor.position = start
            return nil
        }
        _ = cursor.consumeSeparator()
        return cursor.consumeDigits()
    }

    private static func scanDevRelease(_ cursor: inout ScalarCursor) -> Range<Int>? {
        let start = cursor.position
        _ = cursor.consumeSeparator()
        guard cursor.consume(devLabel, caseInsensitive: true) else {
            cursor.position = start
            return nil
        }
        _ = cursor.consumeSeparator()
        return cursor.consumeDigits()
    }

    private static func scanLocal(_ cursor: inout ScalarCursor) -> [Range<Int>]? {
        guard cursor.peek() == "+", cursor.peek(1).map(isLocalCharacter) == true else { return nil }
        cursor.position += 1
        var parts = [consumeLocalPart(&cursor)]
        while let separator = cursor.peek(), separator.isVersionSeparator,
              cursor.peek(1).map(isLocalCharacter) == true {
            cursor.position += 1
            parts.append(consumeLocalPart(&cursor))
        }
        return parts
    }

    private static func consumeLocalPart(_ cursor: inout ScalarCursor) -> Range<Int> {
        let start = cursor.position
        while let next = cursor.peek(), isLocalCharacter(next) { cursor.position += 1 }
        return start..<cursor.position
    }

    /// ASCII only: packaging matches with `re.ASCII`, so `İ` is not a letter here.
    private static func isLocalCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCIIDigit || scalar.isASCIILetter
    }
}
