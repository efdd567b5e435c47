import ArgumentParser
import Python

/// `kiln python find [REQ]`: the path of the interpreter a request (or the default) selects.
struct PythonFindCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find", abstract: "Print the path of the interpreter a request selects.")

    @OptionGroup var global: GlobalOptions

    @Argument(
        help: ArgumentHelp("A path, a version (3.12), a specifier (>=3.10) or a name (python3.12); default: the active environment.",
                           valueName: "REQ"),
        transform: { text in try PythonRequest(parsing: text) })
    var request: PythonRequest?

    func run() async throws {
        let console = Console(options: global)
        try await CommandFailure.run(console) {
            let cache = try await global.openCache(console)
            let interpreter = try await global.interpreterDiscovery(cache: cache).find(request)
            console.result(interpreter.path)
        }
    }
}
