import ArgumentParser
import Install
import SystemSupport

/// `kiln install WHEEL...`: local wheel files for now (resolution comes with the resolver).
struct InstallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install", abstract: "Install wheel files into an environment.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var environment: EnvironmentOptions

    @Argument(help: "Wheel files to install.")
    var wheels: [String]

    @Flag(help: "Replace the installed version even if it is the same.")
    var reinstall = false

    @Flag(help: "Byte-compile the installed modules with the target interpreter.")
    var compile = false

    @Option(name: .customLong("link-mode"), help: "hardlink (from the cache; copy across file systems) or copy.")
    var linkMode: String = LinkMode.hardlink.rawValue

    func validate() throws {
        guard LinkMode(rawValue: linkMode) != nil else { throw ValidationError("--link-mode must be hardlink or copy") }
        for wheel in wheels where !wheel.hasSuffix(".whl") {
            throw ValidationError("'\(wheel)' is not a wheel file; only local .whl files can be installed for now")
        }
    }

    func run() async throws {
        let console = Console(options: global)
        try await CommandFailure.run(console) {
            let target = try await environment.resolveTarget()
            let cache = try await global.openCache(console)
            let service = InstallService(cache: cache, target: target, lockTimeout: global.lockTimeout) { event in
                InstallEventPrinter.print(event, console)
            }
            let options = InstallOptions(reinstall: reinstall, compile: compile, linkMode: LinkMode(rawValue: linkMode) ?? .hardlink)
            let installed = try await service.install(wheels.map { WheelSource(path: $0) }, options: options)
            for distribution in installed { console.result("\(distribution.name.original)==\(distribution.version)") }
        }
    }
}

enum InstallEventPrinter {
    static func print(_ event: InstallEvent, _ console: Console) {
        switch event {
        case .waiting(let message): console.info(message)
        case .recoveredInterruptedTransaction(let completed):
            console.warning(completed
                ? "finished an install that an interrupted kiln left half done"
                : "rolled back an install that an interrupted kiln left half done")
        case .unpacked(let wheel): console.detail("Unpacked \(wheel)")
        case .alreadyInstalled(let name, let version): console.info("\(name) \(version) is already installed (use --reinstall to replace it)")
        case .installed(let name, let version, let replacing):
            console.info(replacing.map { "Replacing \(name) \($0) with \(version)" } ?? "Installing \(name) \(version)")
        case .uninstalled(let name, let version): console.info("Uninstalled \(name) \(version)")
        case .refusedOutsideEnvironment(let path): console.warning("left \(path) alone: it is outside the environment")
        }
    }
}
