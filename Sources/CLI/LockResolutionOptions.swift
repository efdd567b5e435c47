import ArgumentParser
import PackagingModel
import Resolver

/// The resolver settings `kiln lock` takes (a project has no requirements files, so fewer than
/// `kiln compile`'s).
struct LockResolutionOptions: ParsableArguments {
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

    func resolverOptions() throws -> ResolverOptions {
        var only = BinarySelection.names([])
        var no = BinarySelection.names([])
        for value in onlyBinary { only = try only.adding(value) }
        for value in noBinary { no = try no.adding(value) }
        let prereleases: ResolverOptions.PrereleasePolicy = switch pre ? "allow" : (prerelease ?? "") {
        case "allow": .allow
        case "explicit": .explicitOnly
        default: .ifNecessaryOrExplicit
        }
        return ResolverOptions(prereleases: prereleases, onlyBinary: Self.selection(only), noBinary: Self.selection(no), preferBinary: preferBinary)
    }

    private static func selection(_ binary: BinarySelection) -> PackageSelection {
        switch binary {
        case .all: .all
        case .names(let names): names.isEmpty ? .none : .some(names)
        }
    }
}
