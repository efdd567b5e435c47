/// The context-sensitive tokens of packaging's PEP 508 tokenizer, as cursor operations.
///
/// packaging matches its tokens with Python regular expressions whose `\b` is
/// Unicode-aware; `isWordBoundary` reproduces that, so `'3.6'inpython_version`
/// is rejected the same way.
extension ScalarCursor {
    func isWordBoundary(at index: Int) -> Bool {
        let before = index > 0 && index - 1 < scalars.count && scalars[index - 1].isPythonWordCharacter
        let after = index < scalars.count && scalars[index].isPythonWordCharacter
        return before != after
    }

    /// Whether `word` comes next, delimited by word boundaries on both sides.
    func hasKeyword(_ word: String) -> Bool {
        guard isWordBoundary(at: position) else { return false }
        var probe = self
        guard probe.consume(word) else { return false }
        return isWordBoundary(at: probe.position)
    }

    mutating func consumeKeyword(_ word: String) -> Bool {
        guard hasKeyword(word) else { return false }
        position += word.unicodeScalars.count
        return true
    }

    /// PEP 508 `IDENTIFIER`: `\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b`, giving back trailing
    /// `.`/`-` the way the regular expression backtracks to reach a boundary.
    func identifierEnd() -> Int? {
        guard isWordBoundary(at: position), let first = peek(), first.isASCIILetter || first.isASCIIDigit else {
            return nil
        }
        var end = position + 1
        while end < scalars.count {
            let scalar = scalars[end]
            guard scalar.isASCIILetter || scalar.isASCIIDigit || scalar == "." || scalar == "_" || scalar == "-" else {
                break
            }
            end += 1
        }
        while end > position {
            if isWordBoundary(at: end) { return end }
            end -= 1
        }
        return nil
    }
}
