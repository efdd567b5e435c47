import ArgumentParser
import PackagingModel
import Resolver
import Services
import SystemSupport

/// Requirement inputs and resolver settings shared by `kiln compile` and `kiln install`.
struct ResolutionOptions: ParsableArguments {
    @Option(name: [.customShort("r"), .customLong("requirement")], help: "Install/resolve from this requirements file (repeatable).")
    var requirementFiles: [String] = []

    @Option(name: [.customShort("c"), .customLong("constraint")], help: "Constrain versions with this file (repeatable).")
    var constraintFiles: [String] = []

    @Option(name: [.customShort("e"), .customLong("editable")], help: "A project directory to install in editable mode (PEP 660).")
    var editables: [String] = []

    @Option(name: .customLong("resolution"), help: "highest (default) or lowest.")
    var resolution: String = "highest"

    @OptionGroup var candidates: CandidateFileOptions

    @Flag(name: .customLong("no-deps"), help: "Resolve only the given requirements, not their dependencies.")
    var noDeps = false

    @Option(name: .customLong("max-build-failures"), help: "Stop trying a package's sdists after this many failed metadata builds.")
    var maxBuildFailures: Int = 3

    func validate() throws {
        guard ["highest", "lowest"].contains(resolution) else { throw ValidationError("--resolution must be highest or lowest") }
    }

    /// Reads the requirement arguments and files. `-e` is refused here with the same message as
    /// in a file, unless the command builds editables itself (`editablesHandled`, `kiln install`).
    func inputs(arguments: [String], editablesHandled: Bool = false) throws -> RequirementsFileContents {
        if !editablesHandled, let editable = editables.first {
            throw RequirementsFileError.editableUnsupported(RequirementsFileLocation(file: "<command line>", line: 1), target: editable)
        }
        let parser = RequirementsFileParser(environment: ProcessEnvironment.variables) { path in
            if path == "-" { throw ReadError(description: "reading requirements from stdin is not supported") }
            return try FileSystem.readText(path)
        }
        var contents = try parser.parse(requirements: requirementFiles, constraints: constraintFiles)
        var direct: [RequirementEntry] = []
        for argument in arguments {
            do {
                direct.append(RequirementEntry(requirement: try Requirement(argument)))
            } catch {
                throw ValidationError("'\(argument)' is not a valid requirement: \(error)")
            }
        }
        contents.requirements = direct + contents.requirements
        return contents
    }

    func resolverOptions(_ contents: RequirementsFileContents) throws -> ResolverOptions {
        let base = ResolverOptions(
            strategy: resolution == "lowest" ? .lowest : .highest, noDependencies: noDeps, maxBuildFailures: maxBuildFailures)
        return try candidates.applied(
            to: base, fileOnlyBinary: contents.onlyBinary, fileNoBinary: contents.noBinary,
            filePre: contents.prereleases, filePreferBinary: contents.preferBinary)
    }

    struct ReadError: Error, CustomStringConvertible {
        let description: String
    }
}

extension GlobalOptions {
    /// The global index options with what requirements files add: their `--index-url` when the
    /// command line gave none, and their extra indexes and find-links after the command line's.
    func merging(_ contents: RequirementsFileContents) -> GlobalOptions {
        var merged = self
        if merged.indexURL == nil { merged.indexURL = contents.indexURL }
        merged.extraIndexURLs += contents.extraIndexURLs
        merged.findLinks += contents.findLinks
        merged.noIndex = merged.noIndex || contents.noIndex
        return merged
    }
}

/// Prints the resolver's warnings as they happen.
struct ConsoleResolverDelegate: ResolverDelegate {
    let console: Console

    func resolver(didWarn warning: ResolutionWarning) {
        console.warning(warning.description)
    }
}
