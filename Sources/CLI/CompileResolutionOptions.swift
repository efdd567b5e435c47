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

    @Option(name: .customLong("prerelease"), help: "allow, if-necessary-or-explicit (default) or explicit.")
    var prerelease: String?

    @Flag(name: .customLong("pre"), help: "Same as --prerelease allow.")
    var pre = false

    @Option(name: .customLong("only-binary"), help: "Never use sdists of these packages (:all: for every package).")
    var onlyBinary: [String] = []

    @Option(name: .customLong("no-binary"), help: "Never use wheels of these packages (:all: for every package).")
    var noBinary: [String] = []

    @Flag(name: .customLong("prefer-binary"), help: "An older version with a wheel beats a newer sdist-only one.")
    var preferBinary = false

    @Flag(name: .customLong("no-deps"), help: "Resolve only the given requirements, not their dependencies.")
    var noDeps = false

    @Option(name: .customLong("max-build-failures"), help: "Stop trying a package's sdists after this many failed metadata builds.")
    var maxBuildFailures: Int = 3

    func validate() throws {
        guard ["highest", "lowest"].contains(resolution) else { throw ValidationError("--resolution must be highest or lowest") }
        if let prerelease, !["allow", "if-necessary-or-explicit", "explicit"].contains(prerelease) {
            throw ValidationError("--prerelease must be allow, if-necessary-or-explicit or explicit")
        }
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
        var only = contents.onlyBinary
        var no = contents.noBinary
        for value in onlyBinary { only = try only.adding(value) }
        for value in noBinary { no = try no.adding(value) }
        let prereleases: ResolverOptions.PrereleasePolicy = switch (pre || contents.prereleases) ? "allow" : (prerelease ?? "") {
        case "allow": .allow
        case "explicit": .explicitOnly
        default: .ifNecessaryOrExplicit
        }
        return ResolverOptions(
            strategy: resolution == "lowest" ? .lowest : .highest, prereleases: prereleases,
            onlyBinary: Self.selection(only), noBinary: Self.selection(no),
            preferBinary: preferBinary || contents.preferBinary, noDependencies: noDeps, maxBuildFailures: maxBuildFailures)
    }

    private static func selection(_ binary: BinarySelection) -> PackageSelection {
        switch binary {
        case .all: .all
        case .names(let names): names.isEmpty ? .none : .some(names)
        }
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
