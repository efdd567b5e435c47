import ArgumentParser

/// Options every subcommand accepts (DESIGN.md, "Command-line contract").
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("cache-dir"), help: "Cache directory (env: KILN_CACHE_DIR).")
    var cacheDir: String?

    @Flag(name: .customLong("no-cache"), help: "Use a temporary cache, removed at exit.")
    var noCache = false

    @Flag(name: .shortAndLong, help: "More output (repeat for more).")
    var verbose: Int

    @Flag(name: .shortAndLong, help: "Less output: errors only.")
    var quiet = false

    @Flag(help: "Answer from the cache only; never touch the network.")
    var offline = false

    @Flag(help: "Revalidate every cached index page.")
    var refresh = false

    @Option(name: .customLong("index-url"), help: "Base URL of the package index (env: KILN_INDEX_URL).")
    var indexURL: String?

    @Option(name: .customLong("extra-index-url"), help: "Further index, consulted only for names the first lacks.")
    var extraIndexURLs: [String] = []

    @Option(name: .customLong("find-links"), help: "Directory or page of distribution files.")
    var findLinks: [String] = []

    @Flag(name: .customLong("no-index"), help: "Ignore package indexes (use --find-links only).")
    var noIndex = false

    @Option(name: .customLong("exclude-newer"), help: "Ignore files uploaded after this RFC 3339 timestamp.")
    var excludeNewer: String?
}
