import PackagingModel

/// Where the resolver gets versions and dependencies from. The real implementation
/// (index, cache, build frontend) is wired in a composition module; tests use an
/// in-memory index. Filtering by upload date (`--exclude-newer`) is the provider's job.
public protocol MetadataProvider: Sendable {
    /// Every version of `name` the provider offers, with facts about its files.
    /// A package the index does not know has no versions: return an empty list.
    /// Throw only when the provider itself failed (network down, bad index response).
    func versions(of name: PackageName) async throws(MetadataProviderError) -> [CandidateVersion]

    /// The same versions as `versions(of:)`, with each version's files built only when the
    /// resolver looks at that version. PubGrub mostly considers the newest few versions of a
    /// package, while a page may list thousands of files; a provider that can list versions
    /// cheaply implements this, every other provider gets `versions(of:)` wrapped.
    func listing(of name: PackageName) async throws(MetadataProviderError) -> VersionListing

    /// The one version a URL or path requirement stands for (`foo @ https://...`).
    /// Later `dependencies(of:version:file:)` calls for this name and version mean that URL.
    func candidate(for name: PackageName, url: String) async throws(MetadataProviderError) -> CandidateVersion

    /// The dependencies of one version, read from `file`: the file the candidate policy chose,
    /// which is the file the resolution pins and the installer downloads (one file policy).
    /// A version whose metadata cannot be obtained (its sdist's metadata build fails) is a
    /// fact, not an error: return `.unusable`.
    func dependencies(of name: PackageName, version: Version, file: DistributionFile) async -> MetadataResult

    /// A hint that these will likely be asked for next, so the provider may fetch
    /// them in parallel ahead of need. Must return quickly, and must never start a build:
    /// a speculative guess is not worth a backend run.
    func prefetch(_ hints: [PrefetchHint]) async
}

extension MetadataProvider {
    public func prefetch(_ hints: [PrefetchHint]) async {}

    public func listing(of name: PackageName) async throws(MetadataProviderError) -> VersionListing {
        VersionListing(try await versions(of: name))
    }
}

public enum PrefetchHint: Sendable, Hashable {
    case versions(PackageName)
    /// The dependencies of this version, from this file (as in `dependencies(of:version:file:)`).
    case dependencies(PackageName, Version, DistributionFile)
}

/// One version as the index lists it.
public struct CandidateVersion: Sendable, Hashable {
    public var version: Version
    public var files: [DistributionFile]

    public init(version: Version, files: [DistributionFile]) {
        self.version = version
        self.files = files
    }
}

/// One file of a version, with the facts candidate selection needs.
public struct DistributionFile: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// A wheel; `tagPriority` is the index of its best tag in the target's tag
        /// list (lower is better), nil when none of its tags fit the target.
        case wheel(tagPriority: Int?)
        case sourceDistribution
    }

    public var filename: String
    public var kind: Kind
    /// `data-requires-python`, nil when the index gives none.
    public var requiresPython: SpecifierSet?
    /// nil when not yanked; else the yank reason (possibly empty).
    public var yankReason: String?

    public init(filename: String, kind: Kind, requiresPython: SpecifierSet? = nil, yankReason: String? = nil) {
        self.filename = filename
        self.kind = kind
        self.requiresPython = requiresPython
        self.yankReason = yankReason
    }

    public var isYanked: Bool { yankReason != nil }
    public var isWheel: Bool {
        if case .wheel = kind { return true }
        return false
    }

    public var description: String { filename }
}

/// The dependencies of one version, or why it cannot be used.
public enum MetadataResult: Sendable, Hashable {
    case metadata(PackageMetadata)
    /// A fact: this version is unusable, for this reason (which says whether it counts
    /// towards the per-package bound on failed builds).
    case unusable(UnusableReason)
}

public struct PackageMetadata: Sendable, Hashable {
    /// `Requires-Dist`, markers and all.
    public var requirements: [Requirement]
    /// `Requires-Python` from the metadata itself (checked again: an sdist's index
    /// entry may lack `data-requires-python`).
    public var requiresPython: SpecifierSet?

    public init(requirements: [Requirement], requiresPython: SpecifierSet? = nil) {
        self.requirements = requirements
        self.requiresPython = requiresPython
    }
}

/// The provider could not answer at all (not a fact about one version).
public struct MetadataProviderError: Error, Equatable, Sendable, CustomStringConvertible {
    public let package: PackageName
    public let reason: String

    public init(package: PackageName, reason: String) {
        self.package = package
        self.reason = reason
    }

    public var description: String { "could not get the versions of \(package): \(reason)" }
}
