import ArgumentParser
import BuildFrontend
import SystemSupport

/// `kiln build-sdist TREE`: the backend's build_sdist.
struct BuildSdistCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build-sdist", _superCommandName: LeafCommandParsing.rootName, abstract: "Build an sdist from a source tree.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var python: PythonOption
    @OptionGroup var build: BuildOptionsGroup

    @Argument(help: "The project's source tree (with pyproject.toml or setup.py).")
    var tree: String

    func run() async throws {
        let console = Console(options: global)
        let (global, python, build, tree) = (self.global, self.python, self.build, self.tree)
        try await CommandFailure.run(console) {
            try await TerminationSignals.cancellingOnSignal {
                try await build.withPreparedBuild(global: global, python: python, console: console) { prepared in
                    let outcome = try await prepared.service.buildSdist(tree: tree, into: build.absoluteOutputDirectory, options: prepared.options)
                    try build.writeReport(outcome.report)
                    console.result(outcome.path)
                }
            }
        }
    }
}
