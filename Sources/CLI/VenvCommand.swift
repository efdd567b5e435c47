import ArgumentParser
import Install
import Python

/// `kiln venv PATH [--python REQ] [--seed]`
struct VenvCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "venv", _superCommandName: LeafCommandParsing.rootName, abstract: "Create a virtual environment (written directly; no `python -m venv`).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Where to create it.")
    var path: String = ".venv"

    /// An interpreter inside a venv stands for the base interpreter that venv was made from.
    @OptionGroup var python: PythonOption

    @Option(help: "Prompt shown by the activation scripts (default: the directory's name).")
    var prompt: String?

    @Flag(help: "Install pip into it with kiln's installer.")
    var seed = false

    func run() async throws {
        let console = Console(options: global)
        try await CommandFailure.run(console) {
            let cache = try await global.openCache(console)
            let base = try await global.interpreterDiscovery(cache: cache).findVenvBase(python.request)
            let venv = try VenvCreator.create(at: path, base: base, prompt: prompt)
            console.info("Created a virtual environment for Python \(base.version) at \(venv.root)")
            if seed {
                // The bundled ensurepip wheel keeps --seed offline.
                guard let pip = base.bundledPipWheel else { throw SeedError(interpreter: base.path, stdlib: base.paths.stdlib) }
                let service = InstallService(cache: cache, target: .virtualEnvironment(venv), lockTimeout: global.lockTimeout)
                let installed = try await service.install([WheelSource(path: pip, requested: true, origin: nil)])
                for distribution in installed { console.info("Seeded \(distribution.name.original) \(distribution.version)") }
            }
            console.result(venv.root)
        }
    }
}

struct SeedError: Error, Equatable, Sendable, CustomStringConvertible {
    let interpreter: String
    let stdlib: String
    var description: String {
        "\(interpreter) bundles no pip wheel (nothing under \(stdlib)/ensurepip/_bundled) to seed the environment with; "
            + "create it without --seed"
    }
}
