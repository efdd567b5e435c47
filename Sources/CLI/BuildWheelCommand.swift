import ArgumentParser
import BuildFrontend
import PackagingModel
import Services
import SystemSupport

/// `kiln build-wheel SOURCE`: a wheel from an sdist, a source tree or `name==version`.
struct BuildWheelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build-wheel", _superCommandName: LeafCommandParsing.rootName, abstract: "Build a wheel from an sdist, a source tree or name==version.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var python: PythonOption
    @OptionGroup var build: BuildOptionsGroup

    @Argument(help: "An sdist (.tar.gz, .zip, .tar.bz2), a source tree, or name==version (fetched from the index).")
    var source: String

    func run() async throws {
        let console = Console(options: global)
        let (global, python, build, source) = (self.global, self.python, self.build, self.source)
        try await CommandFailure.run(console) {
            try await TerminationSignals.cancellingOnSignal {
                try await build.withPreparedBuild(global: global, python: python, console: console) { prepared in
                    let outcome: BuildService.Outcome
                    switch try BuildSource.classify(source) {
                    case .tree(let root):
                        outcome = try await prepared.service.buildWheel(tree: root, into: build.absoluteOutputDirectory, options: prepared.options)
                    case .sdist(let path):
                        outcome = try await prepared.service.buildWheel(sdist: path, into: build.absoluteOutputDirectory, options: prepared.options)
                    case .requirement(let requirement):
                        let fetched = try await SdistFetcher(index: prepared.index).fetch(requirement)
                        prepared.options.indexRequiresPython = fetched.requiresPython
                        outcome = try await prepared.service.buildWheel(sdist: fetched.path, into: build.absoluteOutputDirectory, options: prepared.options)
                    }
                    try build.writeReport(outcome.report)
                    console.result(outcome.path)
                }
            }
        }
    }
}

/// What a SOURCE argument names.
enum BuildSource {
    case tree(String)
    case sdist(String)
    case requirement(Requirement)

    static let sdistSuffixes = [".tar.gz", ".tgz", ".zip", ".tar.bz2", ".tbz", ".tar.xz", ".tar"]

    static func classify(_ argument: String) throws -> BuildSource {
        if FileSystem.isDirectory(argument) { return .tree(FileSystem.absolute(argument)) }
        let lowered = argument.lowercased()
        if FileSystem.exists(argument) {
            guard sdistSuffixes.contains(where: lowered.hasSuffix) else { throw BuildError.input(.unsupportedSource(argument)) }
            return .sdist(FileSystem.absolute(argument))
        }
        if sdistSuffixes.contains(where: lowered.hasSuffix) || argument.contains("/") {
            throw BuildError.input(.sourceNotFound(argument))
        }
        guard argument.contains("=="), let requirement = try? Requirement(argument) else {
            throw BuildError.input(.unsupportedSource(argument))
        }
        return .requirement(requirement)
    }
}
