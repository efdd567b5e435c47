import ArgumentParser

/// Parses `kiln <leaf> ...` straight as the leaf command when that is sure to give the same
/// result as parsing from the root. From the root, ArgumentParser parses the command line as the
/// root's first and, to see whether the leaf takes pass-through arguments, builds the leaf's
/// argument set (a walk over its properties by reflection) an extra time; on the warm reused
/// resolution path that was a quarter of the parse's time (issue 13). Its completion-script check
/// runs either way.
///
/// Anything the root handles differently — help, version, completion requests, a command with
/// subcommands of its own — takes the root path, and so does a command line the leaf rejects, so
/// every message and exit code stays the root's.
///
/// Parsed as a root, a command also checks whether the command line asks for a completion
/// script, by parsing it twice more as the completion pseudo-commands (a third of a leaf parse).
/// Such a request never reaches this path, so each direct leaf names `kiln` as its
/// `_superCommandName`, which ArgumentParser reads as "not a root of its own" and skips that
/// check for; from the real root it reads only the root's own (nil), so help, usage and
/// completion scripts are unchanged.
enum LeafCommandParsing {
    static let rootName = "kiln"

    /// Arguments that the root answers itself (help, version, completion scripts, help dumps).
    private static let rootAnswered: Set<String> = [
        "-h", "--help", "-help", "help", "--version",
        "--generate-completion-script", "---completion", "--experimental-dump-help",
    ]

    static func parse(_ arguments: [String], root: any ParsableCommand.Type) throws -> any ParsableCommand {
        if let first = arguments.first,
           let leaf = root.configuration.subcommands.first(where: { commandName(of: $0) == first }),
           leaf.configuration.subcommands.isEmpty,
           !arguments.contains(where: { answeredByRoot($0) }),
           let command = try? leaf.parseAsRoot(Array(arguments.dropFirst())),
           type(of: command) == leaf {
            return command
        }
        return try root.parseAsRoot(arguments)
    }

    private static func answeredByRoot(_ argument: String) -> Bool {
        let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
        return rootAnswered.contains(name)
    }

    private static func commandName(of command: any ParsableCommand.Type) -> String {
        command.configuration.commandName ?? command._commandName
    }
}
