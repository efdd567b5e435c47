/// Reads a failed build's log (and the hook's exception) for the common classes of failure and
/// says what to do about them.
enum BuildFailureHints {
    /// `missingModule` is the module an ImportError named, when the hook runner reported one.
    static func hint(logLines: [String], missingModule: String?, pythonMinor: Int) -> String? {
        for line in logLines.reversed() {
            if let header = between(line, "fatal error: ", ": No such file") {
                if header == "Python.h" {
                    return "the C header Python.h is missing: install the interpreter's development headers (e.g. apt-get install python3-dev)"
                }
                return "the C header \(header) is missing: install the development package that provides it (e.g. the lib…-dev package on Debian/Ubuntu)"
            }
            if let library = after(line, "cannot find -l") {
                let name = String(library.prefix { !$0.isWhitespace && $0 != ":" })
                return "the linker cannot find the library \(name): install its development package (e.g. lib\(name)-dev on Debian/Ubuntu)"
            }
        }
        let module = missingModule ?? logLines.reversed().lazy.compactMap { between($0, "No module named '", "'") }.first
        if let module {
            if (module == "distutils" || module.hasPrefix("distutils.")) && pythonMinor >= 12 {
                return "setup.py imports distutils, which Python 3.12 removed: build with Python 3.11 or older (--python 3.11), or add setuptools to [build-system].requires"
            }
            return "the build imports the module '\(module)', which [build-system].requires does not list: add the package that provides it there"
        }
        for line in logLines.reversed() {
            let lowered = line.lowercased()
            if lowered.contains("only versions") && lowered.contains("supported")
                || lowered.contains("cannot install on python version")
                || lowered.contains("requires python") && lowered.contains("error")
            {
                return "setup.py refuses this Python version: build with an older interpreter (--python 3.X)"
            }
        }
        return nil
    }

    private static func after(_ line: String, _ marker: String) -> Substring? {
        guard let range = line.range(of: marker) else { return nil }
        return line[range.upperBound...]
    }

    private static func between(_ line: String, _ start: String, _ end: String) -> String? {
        guard let rest = after(line, start), let stop = rest.range(of: end) else { return nil }
        let value = rest[..<stop.lowerBound]
        return value.isEmpty ? nil : String(value)
    }
}
