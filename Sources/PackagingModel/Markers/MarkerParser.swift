/// A recursive-descent parser for PEP 508 markers, following the grammar and the
/// error messages of packaging's `_parser.py`:
///
///     marker      = atom (BOOLOP atom)*
///     atom        = WS? ( '(' WS? marker WS? ')' | item ) WS?
///     item        = WS? var WS? op WS? var WS?
///     var         = VARIABLE | QUOTED_STRING
///     op          = 'in' | 'not' WS 'in' | OP
///
/// `and` binds tighter than `or`. The requirement parser reuses it for the part
/// after `;`.
struct MarkerParser {
    var cursor: ScalarCursor
    let source: String

    init(_ source: String) {
        self.source = source
        self.cursor = ScalarCursor(source)
    }

    init(continuing cursor: ScalarCursor, source: String) {
        self.source = source
        self.cursor = cursor
    }

    func error(_ reason: String, from start: Int? = nil, to end: Int? = nil) -> PEP508SyntaxError {
        PEP508SyntaxError(input: source, reason: reason, span: (start ?? cursor.position)..<(end ?? cursor.position))
    }

    mutating func parseFullMarker() throws(PEP508SyntaxError) -> MarkerExpression {
        let expression = try parseMarker()
        guard cursor.isAtEnd else { throw error("Expected end of marker expression") }
        return expression
    }

    mutating func parseMarker() throws(PEP508SyntaxError) -> MarkerExpression {
        // Collect `and`-runs separated by `or`, since `and` binds tighter.
        var alternatives: [[MarkerExpression]] = [[try parseAtom()]]
        while true {
            if cursor.consumeKeyword("and") {
                alternatives[alternatives.count - 1].append(try parseAtom())
            } else if cursor.consumeKeyword("or") {
                alternatives.append([try parseAtom()])
            } else {
                break
            }
        }
        let conjunctions = alternatives.map { $0.count == 1 ? $0[0] : MarkerExpression.and($0) }
        return conjunctions.count == 1 ? conjunctions[0] : .or(conjunctions)
    }

    private mutating func parseAtom() throws(PEP508SyntaxError) -> MarkerExpression {
        _ = cursor.skipHorizontalWhitespace()
        let expression: MarkerExpression
        if cursor.peek() == "(" {
            let open = cursor.position
            cursor.position += 1
            _ = cursor.skipHorizontalWhitespace()
            let inner = try parseMarker()
            _ = cursor.skipHorizontalWhitespace()
            guard cursor.peek() == ")" else {
                throw error("Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression", from: open)
            }
            cursor.position += 1
            expression = inner.grouped
        } else {
            expression = .comparison(try parseItem())
        }
        _ = cursor.skipHorizontalWhitespace()
        return expression
    }

    private mutating func parseItem() throws(PEP508SyntaxError) -> MarkerComparison {
        _ = cursor.skipHorizontalWhitespace()
        let lhs = try parseOperand()
        _ = cursor.skipHorizontalWhitespace()
        let op = try parseOperator()
        _ = cursor.skipHorizontalWhitespace()
        let rhs = try parseOperand()
        _ = cursor.skipHorizontalWhitespace()
        return MarkerComparison(lhs, op, rhs)
    }

    private mutating func parseOperand() throws(PEP508SyntaxError) -> MarkerOperand {
        if let first = cursor.peek(), cursor.isWordBoundary(at: cursor.position) {
            for (spelling, variable) in MarkerVariable.spellings where spelling[0] == first {
                var probe = cursor
                if probe.consume(spelling), cursor.isWordBoundary(at: probe.position) {
                    cursor = probe
                    return .variable(variable)
                }
            }
        }
        if let quote = cursor.peek(), quote == "'" || quote == "\"" {
            let start = cursor.position
            var end = start + 1
            while end < cursor.scalars.count, cursor.scalars[end] != quote { end += 1 }
            if end < cursor.scalars.count {
                cursor.position = end + 1
                guard let value = PythonStringLiteral.unquote(Array(cursor.scalars[start...end])) else {
                    throw error("Invalid quoted string", from: start, to: end + 1)
                }
                return .literal(value)
            }
        }
        throw error("Expected a marker variable or quoted string")
    }

    private mutating func parseOperator() throws(PEP508SyntaxError) -> MarkerOperator {
        if cursor.consumeKeyword("in") { return .in }
        if cursor.consumeKeyword("not") {
            guard cursor.skipHorizontalWhitespace() else { throw error("Expected whitespace after 'not'") }
            guard cursor.consumeKeyword("in") else { throw error("Expected 'in' after 'not'") }
            return .notIn
        }
        if let op = MarkerOperator.symbols.first(where: { cursor.consume($0.rawValue) }) { return op }
        throw error("Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in")
    }
}
