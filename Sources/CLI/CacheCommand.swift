import ArgumentParser

/// `kiln cache dir | clean [NAME...] | prune` (DESIGN.md, "Command-line contract").
struct CacheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Inspect and manage kiln's cache.",
        subcommands: [CacheDirCommand.self, CacheCleanCommand.self, CachePruneCommand.self, CacheDebugObtainCommand.self]
    )
}
