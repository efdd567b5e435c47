import ArgumentParser
import Install
import Python
import SystemSupport

/// `kiln venv PATH [--python REQ] [--seed]`
struct VenvCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "venv", abstract: "Create a virtual environment (written directly; no `python -m venv`).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Where to create it.")
    var path: String = ".venv"

    @Option(name: .customLong("python"), help: "Interpreter to base it on: a path, a version (3.12) or a name.")
    var python: String?

    @Option(help: "Prompt shown by the activation scripts (default: the directory's name).")
    var prompt: String?

    @Flag(help: "Install pip into it with kiln's installer.")
    var seed = false

    func run() async throws {
        let console = Console(options: global)
        try await CommandFailure.run(console) {
            let interpreter = try PythonLookup.find(python, environment: ProcessEnvironment.variables.filter { $0.key != "VIRTUAL_ENV" })
            let answer = try await VenvBaseQuery.ask(interpreter)
            let venv = try VenvCreator.create(at: path, base: answer.base, prompt: prompt)
            console.info("Created a virtual environment for Python \(answer.base.version) at \(venv.root)")
            if seed {
                // The bundled ensurepip wheel keeps --seed offline; the index is used once the resolver lands.
                guard let pip = VenvBaseQuery.bundledPipWheel(stdlib: answer.stdlib) else {
                    throw SeedError(stdlib: answer.stdlib)
                }
                let cache = try await global.openCache(console)
                let service = InstallService(cache: cache, target: .virtualEnvironment(venv), lockTimeout: global.lockTimeout)
                let installed = try await service.install([WheelSource(path: pip, requested: true, isDirectReference: false)])
                for distribution in installed { console.info("Seeded \(distribution.name.original) \(distribution.version)") }
            }
            console.result(venv.root)
        }
    }
}

struct SeedError: Error, CustomStringConvertible {
    let stdlib: String
    var description: String { "no bundled pip wheel under \(stdlib)/ensurepip/_bundled to seed the environment with" }
}
