import ArgumentParser
import Python

/// `kiln python tags [--python REQ]`: the wheel tags an interpreter accepts, best first
/// (the same list as packaging's `sys_tags()`).
struct PythonTagsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tags", abstract: "Print the wheel tags an interpreter accepts, best first.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var python: PythonOption

    func run() async throws {
        let console = Console(options: global)
        try await CommandFailure.run(console) {
            let cache = try await global.openCache(console)
            let interpreter = try await global.interpreterDiscovery(cache: cache).find(python.request)
            // One write for the whole list: it runs to a thousand lines.
            console.result(interpreter.compatibleTags.map(\.description).joined(separator: "\n"))
        }
    }
}
