/// Ranks tags by their position in an interpreter's compatible-tag list: lower is better.
/// "The best wheel is the one whose best tag has the lowest index" (DESIGN.md, "Wheel choice").
public struct TagPriority: Sendable {
    private let ranks: [Tag: Int]
    /// The list the ranks come from, best first.
    public let tags: [Tag]
    /// Every interpreter, ABI and platform some accepted tag names: a wheel whose set names
    /// none of one of them fits nowhere, known without expanding its set (most wheels of a
    /// compiled project are for other Pythons and platforms).
    private let interpreters: Set<String>
    private let abis: Set<String>
    private let platforms: Set<String>

    /// `tags` best first; a tag listed twice keeps its first (better) position.
    public init(_ tags: [Tag]) {
        var ranks: [Tag: Int] = [:]
        ranks.reserveCapacity(tags.count)
        var interpreters: Set<String> = [], abis: Set<String> = [], platforms: Set<String> = []
        for (index, tag) in tags.enumerated() where ranks[tag] == nil {
            ranks[tag] = index
            interpreters.insert(tag.interpreter)
            abis.insert(tag.abi)
            platforms.insert(tag.platform)
        }
        self.ranks = ranks
        self.tags = tags
        self.interpreters = interpreters
        self.abis = abis
        self.platforms = platforms
    }

    /// The best rank of a compressed tag set as a wheel's name writes it (`py2.py3-none-any`):
    /// nil inside when no tag of the set is accepted; throws when the set is not well formed.
    /// The same answer as `bestRank(of: Tag.parseCompressedSet(text))`.
    public func bestRank(ofCompressedSet text: String) throws(TagParseError) -> Int? {
        let members = try Tag.compressedSetMembers(text)
        guard members[0].contains(where: interpreters.contains), members[1].contains(where: abis.contains),
              members[2].contains(where: platforms.contains)
        else { return nil }
        var best: Int?
        for interpreter in members[0] {
            for abi in members[1] {
                for platform in members[2] {
                    if let rank = ranks[Tag(unchecked: interpreter, abi, platform)], rank < best ?? .max { best = rank }
                }
            }
        }
        return best
    }

    /// The position of `tag`, nil if the interpreter does not accept it.
    public func rank(of tag: Tag) -> Int? { ranks[tag] }

    /// The best rank among `tags` (a wheel's tag set), nil if none is accepted.
    public func bestRank<S: Sequence>(of tags: S) -> Int? where S.Element == Tag {
        tags.compactMap { ranks[$0] }.min()
    }

    public func isCompatible<S: Sequence>(_ tags: S) -> Bool where S.Element == Tag {
        bestRank(of: tags) != nil
    }
}
