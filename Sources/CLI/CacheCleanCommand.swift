import ArgumentParser
import Cache
import PackagingModel

struct CacheCleanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Remove the whole cache, or the entries of the named packages.",
        discussion: """
            With no NAME, everything in the cache directory is removed (read-only files and \
            directories included) except its lock file. With names (compared PEP 503-normalised, \
            so Foo_Bar is foo-bar), a package's entries are removed from every bucket: its index \
            pages, unpacked wheels, built wheels and metadata (simple-v1/NAME, wheels-v1/NAME, \
            built-wheels-v1/NAME, built-metadata-v1/NAME, metadata-v1/NAME) and the downloaded wheels and sdists whose \
            filenames name it (archives-v1). Waits until no other kiln process uses the cache. \
            What was removed and the bytes freed are reported on stderr (each path with -v).
            """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "Packages whose entries to remove (default: everything).")
    var names: [String] = []

    func validate() throws {
        for name in names {
            do {
                _ = try PackageName(name)
            } catch {
                throw ValidationError(error.description)
            }
        }
    }

    func run() async throws {
        let console = Console(options: options)
        try await CommandFailure.run(console) {
            if options.noCache {
                console.info("Nothing to clean: --no-cache uses a temporary cache")
                return
            }
            let packages = try names.map { name throws(NameParseError) in try PackageName(name) }
            let maintenance = try await CacheMaintenance.open(
                at: options.cachePath, lockTimeout: try options.checkedLockTimeout(), onWait: console.info)
            let report = packages.isEmpty ? try maintenance.cleanAll() : try maintenance.clean(packages: packages)
            CacheRemovalPresenter(console: console).present(report, in: maintenance.root.path, subject: Self.subject(packages))
        }
    }

    private static func subject(_ packages: [PackageName]) -> String {
        packages.isEmpty ? "" : " for " + packages.map(\.normalized).joined(separator: ", ")
    }
}
