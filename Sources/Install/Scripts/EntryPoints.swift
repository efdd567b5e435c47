/// One `[console_scripts]` or `[gui_scripts]` entry of `entry_points.txt`: `name = module:attr`.
struct ScriptEntryPoint: Sendable, Equatable {
    let name: String
    let module: String
    /// Dotted attribute path inside the module (`cli.main`).
    let attribute: String
}

enum EntryPoints {
    /// The script entry points, checked: a name must be a single safe file name, and the target
    /// dotted identifiers, since both end up in a file path and in generated Python source.
    static func scripts(in text: String, file: String) throws(WheelProblemError) -> [ScriptEntryPoint] {
        var section = ""
        var result: [ScriptEntryPoint] = []
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: " \t")
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                section = String(line.dropFirst().dropLast()).trimmingCharacters(in: " \t")
                continue
            }
            guard section == "console_scripts" || section == "gui_scripts" else { continue }
            guard let equals = line.firstIndex(of: "=") else { throw malformed(file, "line '\(line)' has no '='") }
            let name = line[..<equals].trimmingCharacters(in: " \t")
            var value = line[line.index(after: equals)...].trimmingCharacters(in: " \t")
            if let bracket = value.firstIndex(of: "[") { value = value[..<bracket].trimmingCharacters(in: " \t") }
            let parts = value.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: " \t") }
            guard isSafeScriptName(name) else { throw malformed(file, "script name '\(name)' is not a plain file name") }
            guard parts.count == 2, isDottedIdentifier(parts[0]), isDottedIdentifier(parts[1]) else {
                throw malformed(file, "'\(value)' for script '\(name)' is not module:attribute")
            }
            result.append(ScriptEntryPoint(name: name, module: parts[0], attribute: parts[1]))
        }
        return result
    }

    private static func malformed(_ file: String, _ reason: String) -> WheelProblemError {
        WheelProblemError(problem: .malformed(file: file, reason: reason))
    }

    static func isSafeScriptName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.hasPrefix(".kiln-")
            && !name.contains(where: { $0 == "/" || $0 == "\0" || $0.isNewline })
    }

    private static func isDottedIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            guard let first = part.unicodeScalars.first, !part.isEmpty else { return false }
            return (first == "_" || first.properties.isXIDStart)
                && part.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isXIDContinue }
        }
    }
}

struct WheelProblemError: Error, Equatable, Sendable {
    let problem: WheelProblem
}
