import ArgumentParser
import Python

/// `--python REQ`, shared by every command that runs or targets an interpreter. A value that is
/// not a path, version, specifier or name is a usage error (exit 2).
struct PythonOption: ParsableArguments {
    @Option(
        name: .customLong("python"),
        help: ArgumentHelp(
            "Interpreter: a path, a version (3.12), a specifier (>=3.10) or a name (python3.12).",
            valueName: "REQ"),
        transform: { text in try PythonRequest(parsing: text) })
    var request: PythonRequest?
}
