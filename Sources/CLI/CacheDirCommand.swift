import ArgumentParser

struct CacheDirCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dir",
        abstract: "Print the cache directory.",
        discussion: "--cache-dir, else KILN_CACHE_DIR, else $XDG_CACHE_HOME/kiln, else ~/.cache/kiln. The directory need not exist yet."
    )

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        Console(options: options).result(options.cachePath)
    }
}
