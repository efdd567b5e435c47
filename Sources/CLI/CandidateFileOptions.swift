import ArgumentParser
import PackagingModel
import Resolver

/// Which versions and files count as candidates: pre-releases and the binary options, shared by
/// `kiln compile`/`install` (where requirements files add to them) and `kiln lock`.
struct CandidateFileOptions: ParsableArguments {
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

    func validate() throws {
        if let prerelease, !["allow", "if-necessary-or-explicit", "explicit"].contains(prerelease) {
            throw ValidationError("--prerelease must be allow, if-necessary-or-explicit or explicit")
        }
    }

    /// These options on top of what requirements files say (`--pre`, `--only-binary`, ...).
    func applied(to base: ResolverOptions, fileOnlyBinary: BinarySelection = .names([]), fileNoBinary: BinarySelection = .names([]),
                 filePre: Bool = false, filePreferBinary: Bool = false) throws -> ResolverOptions {
        var only = fileOnlyBinary
        var no = fileNoBinary
        for value in onlyBinary { only = try only.adding(value) }
        for value in noBinary { no = try no.adding(value) }
        var options = base
        options.prereleases = switch (pre || filePre) ? "allow" : (prerelease ?? "") {
        case "allow": .allow
        case "explicit": .explicitOnly
        default: .ifNecessaryOrExplicit
        }
        options.onlyBinary = Self.selection(only)
        options.noBinary = Self.selection(no)
        options.preferBinary = preferBinary || filePreferBinary
        return options
    }

    private static func selection(_ binary: BinarySelection) -> PackageSelection {
        switch binary {
        case .all: .all
        case .names(let names): names.isEmpty ? .none : .some(names)
        }
    }
}
