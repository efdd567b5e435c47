import ArgumentParser
import Cache

struct CachePruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove cache entries nothing can use any more.",
        discussion: """
            Removes, and nothing else: (1) temporaries (.NAME.tmp-PID-N) left by kiln processes \
            that were killed while writing an entry — their process is gone, or they are over an \
            hour old; (2) unpacked wheels in wheels-v1 none of whose files is hard-linked into an \
            environment (they are unpacked again from the downloaded wheel when needed); \
            (3) lock files (.NAME.lock) whose entry does not exist; (4) directories these removals \
            left empty. Downloaded files, index pages, built wheels and metadata are kept (use \
            `kiln cache clean`). Waits until no other kiln process uses the cache; reports what \
            was removed and the bytes freed on stderr (each path with -v).
            """
    )

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let console = Console(options: options)
        try await CommandFailure.run(console) {
            if options.noCache {
                console.info("Nothing to prune: --no-cache uses a temporary cache")
                return
            }
            let maintenance = try await CacheMaintenance.open(
                at: options.cachePath, lockTimeout: try options.checkedLockTimeout(), onWait: console.info)
            let report = try maintenance.prune()
            CacheRemovalPresenter(console: console).present(report, in: maintenance.root.path, subject: "")
        }
    }
}
