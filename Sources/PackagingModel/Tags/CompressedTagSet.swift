extension Tag {
    /// The most tags one compressed set may expand to by default: real wheels carry a handful;
    /// a hostile filename could otherwise ask for millions.
    public static let defaultExpansionLimit = 4096

    /// Expands a compressed tag set (PEP 425: `py2.py3-none-any`,
    /// `cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64`) into its tags: the cartesian
    /// product of the dot-separated members of each part, in the order written, without duplicates.
    public static func parseCompressedSet(
        _ text: String, limit: Int = defaultExpansionLimit
    ) throws(TagParseError) -> [Tag] {
        let members = try compressedSetMembers(text, limit: limit)
        var seen: Set<Tag> = []
        var result: [Tag] = []
        for interpreter in members[0] {
            for abi in members[1] {
                for platform in members[2] {
                    let tag = Tag(unchecked: interpreter, abi, platform)
                    if seen.insert(tag).inserted { result.append(tag) }
                }
            }
        }
        return result
    }

    /// The dot-separated members of each of the three parts of a compressed tag set, lowercased,
    /// once the set is known to be well formed (what `parseCompressedSet` expands).
    static func compressedSetMembers(_ text: String, limit: Int = defaultExpansionLimit) throws(TagParseError) -> [[String]] {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let roles = ["interpreter", "ABI", "platform"]
        let members = parts.map { $0.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }
        for (index, part) in members.enumerated() where part.contains("") {
            throw .emptyComponent(tag: text, component: index < roles.count ? roles[index] : "extra")
        }
        guard members.count == 3 else { throw .wrongComponentCount(tag: text, count: members.count) }
        var count = 1
        for part in members {
            let (product, overflow) = count.multipliedReportingOverflow(by: part.count)
            count = overflow ? Int.max : product
        }
        guard count <= limit else { throw .tooManyTags(tag: text, count: count, limit: limit) }
        for interpreter in members[0] where !isIdentifier(interpreter) {
            throw .invalidInterpreter(tag: text, interpreter: interpreter)
        }
        return members.map { $0.map { $0.lowercased() } }
    }
}
