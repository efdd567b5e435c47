/// Ranks tags by their position in an interpreter's compatible-tag list: lower is better.
/// "The best wheel is the one whose best tag has the lowest index" (DESIGN.md, "Wheel choice").
public struct TagPriority: Sendable {
    private let ranks: [Tag: Int]
    /// The list the ranks come from, best first.
    public let tags: [Tag]

    /// `tags` best first; a tag listed twice keeps its first (better) position.
    public init(_ tags: [Tag]) {
        var ranks: [Tag: Int] = [:]
        for (index, tag) in tags.enumerated() where ranks[tag] == nil { ranks[tag] = index }
        self.ranks = ranks
        self.tags = tags
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
