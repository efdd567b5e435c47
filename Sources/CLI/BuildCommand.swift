import ArgumentParser
import BuildFrontend
import SystemSupport

/// `kiln build TREE`: the sdist, then the wheel built from that sdist (as `python -m build` does),
/// so the wheel is what a user of the sdist would get.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", _superCommandName: LeafCommandParsing.rootName, abstract: "Build an sdist, then a wheel from that sdist.")

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
                    let sdist = try await prepared.service.buildSdist(tree: tree, into: build.absoluteOutputDirectory, options: prepared.options)
                    console.result(sdist.path)
                    let wheel = try await prepared.service.buildWheel(sdist: sdist.path, into: build.absoluteOutputDirectory, options: prepared.options)
                    var report = wheel.report
                    report.sdist = sdist.path
                    try build.writeReport(report)
                    console.result(wheel.path)
                }
            }
        }
    }
}
