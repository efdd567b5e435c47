import Index
import PackagingModel
import Resolver
import Synchronization

/// The best rank of each wheel tag triple of one parsed page, by the triple's string id: the
/// files of a compiled project repeat a few dozen triples, so each is ranked once per page
/// (through the run's `TagRankCache`, keyed by the text) and every later file of the page
/// looks it up by id, without reading or hashing the text.
final class PageTagRanks: Sendable {
    private let files: ParsedFiles
    private let shared: TagRankCache
    private let ranks = Mutex<[Int: Int32]>([:])
    private static let unparsable: Int32 = -2
    private static let fitsNowhere: Int32 = -3

    init(files: ParsedFiles, shared: TagRankCache) {
        self.files = files
        self.shared = shared
    }

    /// The kind of a listed file; nil for files that are not a distribution of the project, or
    /// whose wheel tags do not parse.
    func kind(of listed: ListedFileFacts) -> DistributionFile.Kind? {
        switch listed.kind {
        case .foreign:
            return nil
        case .sourceDistribution:
            return .sourceDistribution
        case .wheel:
            guard let triple = listed.tagTriple, let rank = rank(of: triple) else { return nil }
            return .wheel(tagPriority: rank)
        }
    }

    /// The best rank of a `python-abi-platform` triple (nil inside: no tag fits); the outer nil
    /// means the triple does not parse.
    private func rank(of triple: PageStringID) -> Int?? {
        switch ranks.withLock({ $0[triple.value] }) {
        case nil:
            let parsed = shared.rank(of: files.string(triple))
            let stored: Int32 = switch parsed {
            case nil: Self.unparsable
            case .some(nil): Self.fitsNowhere
            case .some(let rank?): Int32(clamping: rank)
            }
            ranks.withLock { $0[triple.value] = stored }
            return parsed
        case Self.unparsable?: return nil
        case Self.fitsNowhere?: return .some(nil)
        case let rank?: return .some(Int(rank))
        }
    }
}
