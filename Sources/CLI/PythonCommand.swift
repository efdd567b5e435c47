import ArgumentParser

/// `kiln python list | find [REQ] | tags [--python REQ]`.
struct PythonCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "python",
        abstract: "Find and inspect Python interpreters.",
        subcommands: [PythonListCommand.self, PythonFindCommand.self, PythonTagsCommand.self]
    )
}
