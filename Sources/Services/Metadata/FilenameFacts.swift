import Index
import PackagingModel
import Resolver

/// The version and kind of each file of a parsed project page, parsing each distinct text
/// once: a page of thousands of files repeats a few tag triples, and the parsed page gives
/// equal texts one id, so the caches here are keyed by that id and no file's strings are
/// hashed or copied.
struct FilenameFacts {
    let files: ParsedFiles
    let tagRanks: TagRankCache
    private var versions: [Int: Version?] = [:]
    /// The rank of each triple by string id (asked once per wheel file: an array, no hashing),
    /// or one of the markers below.
    private var ranks: [Int32]
    private static let unknown: Int32 = -1
    private static let unparsable: Int32 = -2
    private static let fitsNowhere: Int32 = -3

    init(files: ParsedFiles, tagRanks: TagRankCache) {
        self.files = files
        self.tagRanks = tagRanks
        self.ranks = Array(repeating: Self.unknown, count: files.stringCount)
    }

    /// The kind of a listed file; nil for files that are not a distribution of the project, or
    /// whose wheel tags do not parse. (Its version is checked by the caller, once per text.)
    mutating func kind(of listed: ListedFileFacts) -> DistributionFile.Kind? {
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

    mutating func version(_ id: PageStringID) -> Version? {
        if let known = versions[id.value] { return known }
        let parsed = try? Version(files.string(id))
        versions[id.value] = parsed
        return parsed
    }

    /// The best rank of a `python-abi-platform` triple (nil inside: no tag fits); the outer nil
    /// means the triple does not parse.
    private mutating func rank(of triple: PageStringID) -> Int?? {
        switch ranks[triple.value] {
        case Self.unknown:
            let parsed = tagRanks.rank(of: files.string(triple))
            ranks[triple.value] = switch parsed {
            case nil: Self.unparsable
            case .some(nil): Self.fitsNowhere
            case .some(let rank?): Int32(clamping: rank)
            }
            return parsed
        case Self.unparsable: return nil
        case Self.fitsNowhere: return .some(nil)
        case let rank: return .some(Int(rank))
        }
    }
}
