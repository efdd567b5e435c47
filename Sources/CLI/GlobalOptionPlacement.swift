import ArgumentParser

/// Global options (DESIGN.md, "Command-line contract") may come before the subcommand, as with uv
/// (`kiln --cache-dir D install x`). ArgumentParser only knows them where each subcommand declares
/// them, so they are moved to just after the subcommand path before parsing.
enum GlobalOptionPlacement {
    private static let flags: Set<String> = [
        "--no-cache", "-v", "--verbose", "-vv", "-vvv", "-q", "--quiet", "--offline", "--refresh", "--no-index",
    ]
    private static let valued: Set<String> = [
        "--cache-dir", "--index-url", "--extra-index-url", "--find-links", "--exclude-newer",
    ]

    static func reorder(_ arguments: [String], root: any ParsableCommand.Type) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            if flags.contains(argument) {
                leading.append(argument)
                index += 1
            } else if valued.contains(name) {
                leading.append(argument)
                if !argument.contains("="), index + 1 < arguments.count {
                    leading.append(arguments[index + 1])
                    index += 1
                }
                index += 1
            } else {
                break
            }
        }
        guard !leading.isEmpty else { return arguments }
        var rest = Array(arguments[index...])
        let depth = subcommandDepth(of: rest, under: root)
        guard depth > 0 else { return arguments }
        rest.insert(contentsOf: leading, at: depth)
        return rest
    }

    /// How many of the leading arguments name a chain of subcommands (`python find` → 2).
    private static func subcommandDepth(of arguments: [String], under root: any ParsableCommand.Type) -> Int {
        var command = root
        var depth = 0
        while depth < arguments.count,
              let next = command.configuration.subcommands.first(where: { name(of: $0) == arguments[depth] }) {
            command = next
            depth += 1
        }
        return depth
    }

    private static func name(of command: any ParsableCommand.Type) -> String {
        command.configuration.commandName ?? command._commandName
    }
}
