import PackagingModel
import Synchronization

/// The best rank of each wheel tag triple (`cp312-cp312-manylinux_2_17_x86_64`) for one target,
/// shared by every project page of a run: the same few dozen triples recur on every page of
/// compiled projects, and parsing one costs more than everything else done per file.
final class TagRankCache: Sendable {
    let tags: TagPriority
    private let ranks = Mutex<[String: Int??]>([:])

    init(tags: TagPriority) {
        self.tags = tags
    }

    /// The best rank of a `python-abi-platform` triple (nil inside: no tag fits); the outer nil
    /// means the triple does not parse.
    func rank(of triple: String) -> Int?? {
        if let known = ranks.withLock({ $0[triple] }) { return known }
        // The tag set alone: a whole wheel file name would also parse and check a name and a
        // version, for each of the hundreds of triples a compiled project's page holds.
        let parsed: Int?? = try? tags.bestRank(ofCompressedSet: triple)
        ranks.withLock { $0[triple] = parsed }
        return parsed
    }
}
