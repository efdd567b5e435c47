/// The specifier grammar of packaging's `Specifier._specifier_regex_str`, scanned by hand.
///
/// Requirement parsing uses it as a token (it stops where the grammar stops, so
/// the requirement parser can then explain a stray `.*` or `+local`), and
/// `Specifier(_:)` uses it demanding the end of input.
enum SpecifierGrammar {
    struct Scanned {
        var op: Specifier.Operator
        var version: VersionGrammar.Scanned?
        var arbitraryText: String?
        var versionStart: Int
    }

    static func scanOperator(_ cursor: inout ScalarCursor) -> Specifier.Operator? {
        Specifier.Operator.byLength.first { cursor.consume($0.rawValue) }
    }

    /// Scans one specifier at the cursor, or returns nil and leaves the cursor alone.
    static func scan(_ cursor: inout ScalarCursor) -> Scanned? {
        let start = cursor.position
        guard let op = scanOperator(&cursor) else { return nil }
        cursor.skipPythonWhitespace()
        let versionStart = cursor.position
        if op == .arbitraryEqual {
            // Anything up to whitespace, a marker's `;` or a closing parenthesis.
            while let next = cursor.peek(), !next.isPythonWhitespace, next != ";", next != ")" {
                cursor.position += 1
            }
            return Scanned(
                op: op, version: nil, arbitraryText: cursor.text(versionStart..<cursor.position),
                versionStart: versionStart
            )
        }
        guard let version = VersionGrammar.scan(
            &cursor,
            allowWildcard: op.allowsWildcardAndLocal,
            allowLocal: op.allowsWildcardAndLocal,
            minimumReleaseSegments: op == .compatible ? 2 : 1
        ) else {
            cursor.position = start
            return nil
        }
        return Scanned(op: op, version: version, arbitraryText: nil, versionStart: versionStart)
    }
}
