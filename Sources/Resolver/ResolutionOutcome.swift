import PackagingModel

/// One package of a resolution.
public struct ResolvedPackage: Sendable, Hashable, CustomStringConvertible {
    public let name: PackageName
    public let version: Version
    /// The extras that were activated, sorted.
    public let extras: [ExtraName]
    /// The file chosen for this target: the best wheel, else the sdist.
    public let file: DistributionFile?
    /// The URL or path this package was pinned to, if any.
    public let url: String?

    public var description: String { "\(name)==\(version)" }
}

/// The chosen versions, sorted by name, and the warnings met on the way.
public struct Resolution: Sendable, Hashable {
    public let packages: [ResolvedPackage]
    public let warnings: [ResolutionWarning]

    public func version(of name: PackageName) -> Version? {
        packages.first { $0.name == name }?.version
    }
}

/// Something the user should know that did not stop the resolution.
public enum ResolutionWarning: Sendable, Hashable, CustomStringConvertible {
    /// A version was passed over because its metadata could not be obtained.
    case passedOver(name: PackageName, version: Version, reason: UnusableReason)
    /// Metadata builds of a package failed `limit` times: its other sdists were not tried.
    case buildFailureLimitReached(name: PackageName, limit: Int)

    public var description: String {
        switch self {
        case .passedOver(let name, let version, let reason):
            "\(name) \(version) was passed over: \(reason)"
        case .buildFailureLimitReached(let name, let limit):
            "\(limit) metadata builds of \(name) failed; no more of its source distributions were tried "
                + "(raise the limit with --max-build-failures)"
        }
    }
}

/// Receives the warnings of a successful resolution, once each (the CLI prints them); the
/// library never prints. A failed resolution reports them in its error instead.
public protocol ResolverDelegate: Sendable {
    func resolver(didWarn warning: ResolutionWarning)
}

/// Why a resolution failed.
public enum ResolutionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The requirements cannot all hold: `explanation` says why, `hints` point at common traps.
    case noSolution(explanation: String, hints: [String])
    case provider(MetadataProviderError)
    /// Two requirements pin one package to different URLs.
    case conflictingURLs(package: PackageName, urls: [String])

    public var description: String {
        switch self {
        case .noSolution(let explanation, let hints):
            return (["no solution found for the requirements:", explanation] + hints.map { "hint: " + $0 })
                .joined(separator: "\n")
        case .provider(let error):
            return error.description
        case .conflictingURLs(let package, let urls):
            return "\(package) is required from different URLs (\(urls.joined(separator: ", "))); "
                + "require it from one URL only"
        }
    }
}
