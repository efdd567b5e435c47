import ArgumentParser
import Install
import PackagingModel

/// `kiln uninstall NAME...`
struct UninstallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uninstall", _superCommandName: LeafCommandParsing.rootName, abstract: "Remove installed distributions (by RECORD), all or none.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var environment: EnvironmentOptions

    @Argument(help: "Distribution names.")
    var names: [String]

    func run() async throws {
        let console = Console(options: global)
        let parsed: [PackageName]
        do {
            parsed = try names.map { name throws(NameParseError) in try PackageName(name) }
        } catch {
            throw ValidationError(error.description)
        }
        try await CommandFailure.run(console) {
            let cache = try await global.openCache(console)
            let target = try await environment.resolveTarget(try global.interpreterDiscovery(cache: cache))
            let service = InstallService(cache: cache, target: target, lockTimeout: global.lockTimeout) { event in
                InstallEventPrinter.print(event, console)
            }
            _ = try await service.uninstall(parsed)
        }
    }
}
