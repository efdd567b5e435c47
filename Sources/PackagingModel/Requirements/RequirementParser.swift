/// A recursive-descent parser for PEP 508 dependency specifiers, following the
/// grammar and error messages of packaging's `_parser.py`:
///
///     requirement = WS? IDENTIFIER WS? extras WS? details END
///     extras      = ('[' WS? (IDENTIFIER (WS? ',' WS? IDENTIFIER)*)? WS? ']')?
///     details     = '@' WS? URL (WS (';' marker WS?)?)?
///                 | specifier WS? (';' marker WS?)?
///     specifier   = '(' WS? version_many WS? ')' | WS? version_many WS?
///
/// It only splits the text; names, specifiers and the marker tree are checked by
/// their own types afterwards.
struct RequirementParser {
    struct Parsed {
        var name: String
        var extras: [String] = []
        var url: String?
        var specifier = ""
        var marker: MarkerExpression?
    }

    private var cursor: ScalarCursor
    private let source: String

    init(_ source: String) {
        self.source = source
        self.cursor = ScalarCursor(source)
    }

    private func error(_ reason: String, from start: Int? = nil, to end: Int? = nil) -> PEP508SyntaxError {
        PEP508SyntaxError(input: source, reason: reason, span: (start ?? cursor.position)..<(end ?? cursor.position))
    }

    mutating func parse() throws(PEP508SyntaxError) -> Parsed {
        _ = cursor.skipHorizontalWhitespace()
        guard let nameEnd = cursor.identifierEnd() else {
            throw error("Expected package name at the start of dependency specifier")
        }
        var parsed = Parsed(name: cursor.text(cursor.position..<nameEnd))
        cursor.position = nameEnd
        _ = cursor.skipHorizontalWhitespace()
        parsed.extras = try parseExtras()
        _ = cursor.skipHorizontalWhitespace()
        try parseDetails(into: &parsed)
        guard cursor.isAtEnd else { throw error("Expected end of dependency specifier") }
        return parsed
    }

    private mutating func parseExtras() throws(PEP508SyntaxError) -> [String] {
        guard cursor.peek() == "[" else { return [] }
        let open = cursor.position
        cursor.position += 1
        _ = cursor.skipHorizontalWhitespace()
        var extras: [String] = []
        if let end = cursor.identifierEnd() {
            extras.append(readIdentifier(to: end))
            while true {
                _ = cursor.skipHorizontalWhitespace()
                if cursor.identifierEnd() != nil { throw error("Expected comma between extra names") }
                guard cursor.peek() == "," else { break }
                cursor.position += 1
                _ = cursor.skipHorizontalWhitespace()
                guard let next = cursor.identifierEnd() else { throw error("Expected extra name after comma") }
                extras.append(readIdentifier(to: next))
            }
        }
        _ = cursor.skipHorizontalWhitespace()
        guard cursor.peek() == "]" else {
            throw error("Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras", from: open)
        }
        cursor.position += 1
        return extras
    }

    private mutating func readIdentifier(to end: Int) -> String {
        defer { cursor.position = end }
        return cursor.text(cursor.position..<end)
    }

    private mutating func parseDetails(into parsed: inout Parsed) throws(PEP508SyntaxError) {
        if cursor.peek() == "@" {
            cursor.position += 1
            _ = cursor.skipHorizontalWhitespace()
            let urlStart = cursor.position
            while let next = cursor.peek(), next != " ", next != "\t" { cursor.position += 1 }
            guard cursor.position > urlStart else { throw error("Expected URL after @") }
            parsed.url = cursor.text(urlStart..<cursor.position)
            if cursor.isAtEnd { return }
            guard cursor.skipHorizontalWhitespace() else { throw error("Expected whitespace after URL") }
            if cursor.isAtEnd { return }
            parsed.marker = try parseMarker(spanStart: urlStart, expected: "semicolon (after URL and whitespace)")
            return
        }
        let specifierStart = cursor.position
        parsed.specifier = try parseSpecifier()
        _ = cursor.skipHorizontalWhitespace()
        if cursor.isAtEnd { return }
        let expected = parsed.specifier.isEmpty
            ? "semicolon (after name with no version specifier)"
            : "comma (within version specifier), semicolon (after version specifier)"
        parsed.marker = try parseMarker(spanStart: specifierStart, expected: expected)
    }

    private mutating func parseMarker(spanStart: Int, expected: String) throws(PEP508SyntaxError) -> MarkerExpression {
        guard cursor.peek() == ";" else { throw error("Expected \(expected) or end", from: spanStart) }
        cursor.position += 1
        var markerParser = MarkerParser(continuing: cursor, source: source)
        let marker = try markerParser.parseMarker()
        cursor = markerParser.cursor
        _ = cursor.skipHorizontalWhitespace()
        return marker
    }

    private mutating func parseSpecifier() throws(PEP508SyntaxError) -> String {
        let open = cursor.peek() == "(" ? cursor.position : nil
        if open != nil { cursor.position += 1 }
        _ = cursor.skipHorizontalWhitespace()
        let specifiers = try parseVersionMany()
        _ = cursor.skipHorizontalWhitespace()
        if let open {
            guard cursor.peek() == ")" else {
                throw error("Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier", from: open)
            }
            cursor.position += 1
        }
        return specifiers
    }

    private mutating func parseVersionMany() throws(PEP508SyntaxError) -> String {
        var text = ""
        while true {
            let start = cursor.position
            guard let scanned = SpecifierGrammar.scan(&cursor) else { break }
            text += cursor.text(start..<cursor.position)
            if cursor.peek() == ".", cursor.peek(1) == "*" {
                let reason = scanned.op.allowsWildcardAndLocal
                    ? ".* suffix cannot be used with pre-release, post-release, dev or local versions"
                    : ".* suffix can only be used with `==` or `!=` operators"
                throw error(reason, from: start, to: cursor.position + 1)
            }
            if cursor.peek() == "+", let next = cursor.peek(1), next.isASCIIDigit || ("a"..."z").contains(next) {
                throw error("Local version label can only be used with `==` or `!=` operators", from: start)
            }
            _ = cursor.skipHorizontalWhitespace()
            guard cursor.peek() == "," else { break }
            text += ","
            cursor.position += 1
            _ = cursor.skipHorizontalWhitespace()
        }
        return text
    }
}
