import ArgumentParser
import Install
import SystemSupport

/// `kiln install WHEEL...` installs local wheel files as they are; requirements (names, specifiers,
/// `-r`/`-c` files) are resolved first (InstallRequirementsRun.swift).
struct InstallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install", _superCommandName: LeafCommandParsing.rootName, abstract: "Install packages (requirements or wheel files) into an environment.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var environment: EnvironmentOptions

    @OptionGroup var resolution: ResolutionOptions
    @OptionGroup var build: InstallBuildOptions

    @Argument(help: "Requirements ('flask>=3', 'black[jupyter]'), local wheels, sdists or project directories to install.")
    var wheels: [String] = []

    @Flag(name: [.customShort("U"), .customLong("upgrade")], help: "Upgrade the named packages to the newest allowed versions.")
    var upgrade = false

    @Flag(name: .customLong("dry-run"), help: "Resolve and print what would change, without installing.")
    var dryRun = false

    @Flag(name: .customLong("require-hashes"), help: "Require a --hash for every package installed.")
    var requireHashes = false

    @Flag(help: "Replace the installed version even if it is the same.")
    var reinstall = false

    @OptionGroup var layout: InstallLayoutOptions

    func validate() throws {
        if wheels.isEmpty && resolution.requirementFiles.isEmpty && resolution.editables.isEmpty {
            throw ValidationError("give packages to install, or -r FILE")
        }
    }

    func run() async throws {
        let console = Console(options: global)
        try await CommandFailure.run(console) {
            let cache = try await global.openCache(console)
            let target = try await environment.resolveTarget(try global.interpreterDiscovery(cache: cache))
            if !installsLocalWheelsOnly {
                return try await runRequirements(target: target, cache: cache, console: console)
            }
            let service = InstallService(cache: cache, target: target, lockTimeout: global.lockTimeout) { event in
                InstallEventPrinter.print(event, console)
            }
            let options = layout.installOptions(reinstall: reinstall)
            let installed = try await service.install(wheels.map { WheelSource(path: $0) }, options: options)
            for distribution in installed { console.result("\(distribution.name.original)==\(distribution.version)") }
        }
    }
}

enum InstallEventPrinter {
    /// `summarised`: the run ends with a summary of the changes (InstallSummary), so each
    /// package's own installed/uninstalled line is a detail (shown with -v).
    static func print(_ event: InstallEvent, _ console: Console, summarised: Bool = false) {
        func change(_ line: String) {
            if summarised { console.detail(line) } else { console.info(line) }
        }
        switch event {
        case .waiting(let message): console.info(message)
        case .recoveredInterruptedTransaction(let completed):
            console.warning(completed
                ? "finished an install that an interrupted kiln left half done"
                : "rolled back an install that an interrupted kiln left half done")
        case .unpacked(let wheel): console.detail("Unpacked \(wheel)")
        case .alreadyInstalled(let name, let version): console.info("\(name) \(version) is already installed (use --reinstall to replace it)")
        case .installed(let name, let version, let replacing):
            change(replacing.map { "Replacing \(name) \($0) with \(version)" } ?? "Installing \(name) \(version)")
        case .uninstalled(let name, let version): change("Uninstalled \(name) \(version)")
        case .refusedOutsideEnvironment(let path): console.warning("left \(path) alone: it is outside the environment")
        }
    }
}
