/// The text of installed scripts: the shebang for the target interpreter, and the launcher that
/// an entry point becomes.
enum ScriptLauncher {
    /// Linux reads at most 127 bytes of a `#!` line and splits it at spaces; longer or spaced
    /// paths go through `/bin/sh`, which re-executes the file with the interpreter. The second
    /// line is at once shell (`exec` of the quoted interpreter) and a Python string literal.
    static func shebang(for python: String) -> String {
        let direct = "#!" + python
        if direct.utf8.count <= 127 && !python.contains(" ") && !python.contains("\t") {
            return direct + "\n"
        }
        let quoted = "'" + python.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
        return "#!/bin/sh\n'''exec' " + quoted + " \"$0\" \"$@\"\n' '''\n"
    }

    static func entryPointScript(_ entryPoint: ScriptEntryPoint, python: String) -> [UInt8] {
        let top = entryPoint.attribute.split(separator: ".").first.map(String.init) ?? entryPoint.attribute
        let text = shebang(for: python) + """
            # Launcher written by kiln for the entry point \(entryPoint.name) = \(entryPoint.module):\(entryPoint.attribute)
            import sys
            from \(entryPoint.module) import \(top)
            if __name__ == "__main__":
                if sys.argv[0].endswith(".exe"):
                    sys.argv[0] = sys.argv[0][:-4]
                sys.exit(\(entryPoint.attribute)())

            """
        return Array(text.utf8)
    }

    /// A `.data/scripts` file whose first line is `#!python` (or `#!pythonw`) gets the real
    /// interpreter; any arguments on that line are kept. Other files are returned unchanged.
    static func rewritingPythonShebang(_ bytes: [UInt8], python: String) -> [UInt8] {
        let marker = Array("#!python".utf8)
        guard bytes.starts(with: marker) else { return bytes }
        let lineEnd = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        var rest = bytes[marker.count..<lineEnd]
        if rest.first == UInt8(ascii: "w") { rest = rest.dropFirst() }
        if let first = rest.first, first != UInt8(ascii: " ") && first != UInt8(ascii: "\t") && first != UInt8(ascii: "\r") {
            return bytes  // `#!python3.12` and the like name another program; leave them alone.
        }
        var line = shebang(for: python)
        let arguments = String(decoding: rest, as: UTF8.self).trimmingCharacters(in: " \t\r")
        if !arguments.isEmpty && !line.hasPrefix("#!/bin/sh") { line = String(line.dropLast()) + " " + arguments + "\n" }
        let body = lineEnd < bytes.count ? bytes[(lineEnd + 1)...] : []
        return Array(line.utf8) + body
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String { Substring(self).trimmingCharacters(in: set) }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var slice = self
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
