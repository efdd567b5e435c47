/// One side of a marker comparison: a variable or a quoted string.
public enum MarkerOperand: Sendable, Hashable, CustomStringConvertible {
    case variable(MarkerVariable)
    case literal(String)

    public var description: String {
        switch self {
        case .variable(let variable): variable.rawValue
        case .literal(let text): PythonStringLiteral.quote(text)
        }
    }
}

/// `lhs op rhs`, such as `python_version >= "3.9"` or `"linux" in sys_platform`.
public struct MarkerComparison: Sendable, Hashable, CustomStringConvertible {
    public let lhs: MarkerOperand
    public let op: MarkerOperator
    public let rhs: MarkerOperand

    public init(_ lhs: MarkerOperand, _ op: MarkerOperator, _ rhs: MarkerOperand) {
        (self.lhs, self.rhs) = Self.normalizingNames(lhs, rhs)
        self.op = op
    }

    public var description: String { "\(lhs) \(op) \(rhs)" }

    /// PEP 685: extra names are compared normalised, so the literal is stored
    /// normalised (as packaging does) and equal markers print equal.
    private static func normalizingNames(_ lhs: MarkerOperand, _ rhs: MarkerOperand) -> (MarkerOperand, MarkerOperand) {
        switch (lhs, rhs) {
        case (.variable(.extra), .literal(let text)):
            return (lhs, .literal(NameNormalization.normalize(text)))
        case (.literal(let text), .variable(let variable)) where variable == .extra || variable.isSetValued:
            return (.literal(NameNormalization.normalize(text)), rhs)
        default:
            return (lhs, rhs)
        }
    }
}

/// A parsed marker: comparisons joined by `and` (binding tighter) and `or`.
///
/// `group` records parentheses the author wrote around more than one comparison,
/// so that printing keeps the author's grouping exactly as packaging does.
public indirect enum MarkerExpression: Sendable, Hashable, CustomStringConvertible {
    case comparison(MarkerComparison)
    case and([MarkerExpression])
    case or([MarkerExpression])
    case group(MarkerExpression)

    public var description: String { printed(topLevel: true) }

    private func printed(topLevel: Bool) -> String {
        switch self {
        case .comparison(let comparison):
            return comparison.description
        case .group(let inner):
            return topLevel ? inner.printed(topLevel: true) : "(\(inner.printed(topLevel: true)))"
        case .and(let operands):
            // An `or` under an `and` needs parentheses to keep its meaning.
            return operands.map { operand in
                if case .or = operand { return "(\(operand.printed(topLevel: true)))" }
                return operand.printed(topLevel: false)
            }.joined(separator: " and ")
        case .or(let operands):
            return operands.map { $0.printed(topLevel: false) }.joined(separator: " or ")
        }
    }
}

/// A PEP 508 environment marker (`python_version >= "3.9" and sys_platform != "win32"`).
///
/// Equality and hashing use the canonical printed form, as packaging does.
public struct Marker: Sendable, Hashable, CustomStringConvertible {
    public let expression: MarkerExpression

    public init(_ expression: MarkerExpression) {
        self.expression = expression
    }

    /// Parses a marker expression.
    public init(_ string: String) throws(MarkerParseError) {
        var parser = MarkerParser(string)
        do {
            self.expression = try parser.parseFullMarker()
        } catch {
            throw .syntax(error)
        }
    }

    public var description: String { expression.description }

    public static func == (lhs: Marker, rhs: Marker) -> Bool { lhs.description == rhs.description }

    public func hash(into hasher: inout Hasher) { hasher.combine(description) }

    /// Both markers; compound operands keep parentheses, as packaging's `&` does.
    public func and(_ other: Marker) -> Marker {
        Marker(.and([expression.grouped, other.expression.grouped]))
    }

    /// Either marker; compound operands keep parentheses, as packaging's `|` does.
    public func or(_ other: Marker) -> Marker {
        Marker(.or([expression.grouped, other.expression.grouped]))
    }
}

extension MarkerExpression {
    /// Wraps a compound expression in parentheses; single comparisons need none.
    var grouped: MarkerExpression {
        switch self {
        case .comparison, .group: self
        case .and, .or: .group(self)
        }
    }
}
