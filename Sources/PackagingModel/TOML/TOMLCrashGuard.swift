/// Finds the invalid TOML that crashes TOMLKit's parser, so it can be reported as an error.
///
/// toml++ 3 (inside TOMLKit 0.6.0) asserts, without checking first, that a table header's key
/// starts with a bare-key character or a quote (`[é]`, `[=a]`, a `[` alone on a line), and that
/// an array element does not start with `}` (`a = [}]`). Such input aborts the process in debug
/// builds and is undefined behaviour in release builds, where the assertion becomes an optimiser
/// assumption. A pyproject.toml is user input, so these cases are found here first.
///
/// The scan understands just enough TOML to know where a header can start and which bracket is
/// open: strings (which may span lines), comments, and the brackets of arrays and inline tables.
public enum TOMLCrashGuard {
    public struct Finding: Equatable, Sendable {
        public let line: Int
        public let column: Int
        public let message: String
    }

    /// The 1-based line and column of the first such problem, or nil.
    public static func firstCrashingConstruct(in text: String) -> Finding? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var line = 1
        var lineStart = 0
        var openBrackets: [Unicode.Scalar] = []
        var atLineStart = true

        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\n":
                line += 1
                lineStart = index + 1
                atLineStart = true
                index += 1
            case " ", "\t", "\r":
                index += 1
            case "#":
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
            case "\"", "'":
                index = skipString(scalars, from: index, line: &line, lineStart: &lineStart)
                atLineStart = false
            case "[" where openBrackets.isEmpty && atLineStart:
                var keyStart = index + 1
                if keyStart < scalars.count, scalars[keyStart] == "[" { keyStart += 1 }
                while keyStart < scalars.count, scalars[keyStart] == " " || scalars[keyStart] == "\t" { keyStart += 1 }
                if keyStart < scalars.count, !canStartHeaderKey(scalars[keyStart]) {
                    return Finding(
                        line: line, column: keyStart - lineStart + 1,
                        message: "a table header must start with a key: a letter, digit, '-', '_' or a quoted key")
                }
                index = keyStart
                atLineStart = false
            case "[", "{":
                openBrackets.append(scalar)
                atLineStart = false
                index += 1
            case "}" where openBrackets.last == "[":
                return Finding(line: line, column: index - lineStart + 1, message: "unexpected '}' inside an array")
            case "]", "}":
                // A header's closing brackets find nothing open.
                _ = openBrackets.popLast()
                atLineStart = false
                index += 1
            default:
                atLineStart = false
                index += 1
            }
        }
        return nil
    }

    /// A bare-key character, a quote, or the `]` toml++ itself reports as an empty key.
    private static func canStartHeaderKey(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_", "\"", "'", "]": true
        default: false
        }
    }

    /// Returns the index just past the string starting at `start` (or at the end of its line
    /// when it is unterminated: the TOML parser reports that itself).
    private static func skipString(
        _ scalars: [Unicode.Scalar], from start: Int, line: inout Int, lineStart: inout Int
    ) -> Int {
        let quote = scalars[start]
        let escapes = quote == "\""
        let isMultiLine = start + 2 < scalars.count && scalars[start + 1] == quote && scalars[start + 2] == quote
        var index = start + (isMultiLine ? 3 : 1)
        while index < scalars.count {
            let scalar = scalars[index]
            if escapes, scalar == "\\" {
                if index + 1 < scalars.count, scalars[index + 1] == "\n" {
                    line += 1
                    lineStart = index + 2
                }
                index += 2
                continue
            }
            if scalar == "\n" {
                guard isMultiLine else { return index }
                line += 1
                lineStart = index + 1
            } else if scalar == quote {
                if !isMultiLine { return index + 1 }
                if index + 2 < scalars.count, scalars[index + 1] == quote, scalars[index + 2] == quote {
                    return index + 3
                }
            }
            index += 1
        }
        return index
    }
}
