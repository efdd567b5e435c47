import PackagingModel

/// A package's versions, newest first, whose files are built only when asked for: what
/// `MetadataProvider.listing(of:)` answers. Listing versions is cheap; building every file of
/// every version is what a page of thousands of files makes expensive.
public struct VersionListing: Sendable {
    /// Newest first.
    public let versions: [Version]
    private let filesAt: @Sendable (Int) -> [DistributionFile]

    /// `files(i)` builds the files of `versions[i]`. Versions in any other order than newest
    /// first are put in that order here (a linear check; providers usually list them sorted).
    public init(versions: [Version], files: @escaping @Sendable (Int) -> [DistributionFile]) {
        if zip(versions, versions.dropFirst()).allSatisfy({ $0 >= $1 }) {
            self.versions = versions
            self.filesAt = files
        } else {
            let order = versions.indices.sorted { versions[$0] > versions[$1] }
            self.versions = order.map { versions[$0] }
            self.filesAt = { files(order[$0]) }
        }
    }

    /// Versions already sorted newest first (a provider's stored order), taken as they are.
    public init(newestFirst versions: [Version], files: @escaping @Sendable (Int) -> [DistributionFile]) {
        self.versions = versions
        self.filesAt = files
    }

    /// Versions whose files are already built.
    public init(_ listed: [CandidateVersion]) {
        let files = listed.map(\.files)
        self.init(versions: listed.map(\.version), files: { files[$0] })
    }

    public func files(at index: Int) -> [DistributionFile] { filesAt(index) }

    /// The position of `version`, if listed.
    public func index(of version: Version) -> Int? {
        let position = firstIndex(atOrBelow: version)
        return position < versions.count && versions[position] == version ? position : nil
    }

    /// The first position whose version is `<= version` (`versions.count` when none is).
    func firstIndex(atOrBelow version: Version) -> Int {
        var low = 0
        var high = versions.count
        while low < high {
            let middle = (low + high) / 2
            if versions[middle] > version { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
