/// A requirements file cut into logical lines: `\` continuations joined, comments removed,
/// `${VAR}` references expanded, blank lines dropped. pip's format, read here without I/O.
struct RequirementsFileLines {
    struct Line: Equatable {
        /// 1-based number of the physical line the logical line starts on.
        let number: Int
        let text: String
    }

    static func split(_ text: String, environment: [String: String]) -> [Line] {
        var lines: [Line] = []
        var pending = ""
        var pendingStart = 0
        let physical = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, raw) in physical.enumerated() {
            var line = String(raw)
            if line.hasSuffix("\r") { line.removeLast() }
            if pending.isEmpty { pendingStart = index + 1 }
            if line.hasSuffix("\\") {
                pending += line.dropLast()
                continue
            }
            let joined = stripComment(pending + line)
            pending = ""
            let expanded = expand(joined, environment: environment)
            let trimmed = expanded[...].trimmedOfWhitespace()
            if !trimmed.isEmpty { lines.append(Line(number: pendingStart, text: String(trimmed))) }
        }
        let last = stripComment(pending)[...].trimmedOfWhitespace()
        if !last.isEmpty { lines.append(Line(number: pendingStart, text: expand(String(last), environment: environment))) }
        return lines
    }

    /// A `#` at the start or after whitespace begins a comment (`pkg @ https://h/x#egg=y` keeps its fragment).
    private static func stripComment(_ line: String) -> String {
        var previous: Character = " "
        for index in line.indices {
            let character = line[index]
            if character == "#" && previous.isWhitespace { return String(line[..<index]) }
            previous = character
        }
        return line
    }

    /// `${NAME}` with NAME of upper-case letters, digits and `_`, as pip does; unknown names stay.
    private static func expand(_ line: String, environment: [String: String]) -> String {
        guard line.contains("${") else { return line }
        var result = ""
        var rest = line[...]
        while let start = rest.range(of: "${") {
            result += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            guard let close = after.firstIndex(of: "}") else {
                result += rest[start.lowerBound...]
                return result
            }
            let name = after[..<close]
            let valid = !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }
            if valid, let value = environment[String(name)] {
                result += value
            } else {
                result += rest[start.lowerBound...close]
            }
            rest = after[after.index(after: close)...]
        }
        return result + rest
    }
}

extension String {
    fileprivate func range(of needle: String) -> Range<String.Index>? { self[...].range(of: needle) }
}

extension Substring {
    func range(of needle: String) -> Range<String.Index>? {
        guard !needle.isEmpty else { return nil }
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(needle) {
                return index..<(self.index(index, offsetBy: needle.count))
            }
            index = self.index(after: index)
        }
        return nil
    }
}
