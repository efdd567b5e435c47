import PackagingModel

/// Groups a page's files by version while the page is encoded, for the version table of
/// `ParsedPageLayout`: what every resolution of the project would otherwise redo file by file.
struct VersionGrouping {
    private struct Group {
        let version: Version
        let textID: UInt32
        var records: [UInt32] = []
        var earliestUpload = ParsedPageLayout.noUploadTime
    }

    private var groups: [Group] = []
    private var groupOfVersion: [Version: Int] = [:]
    /// Each distinct version text parsed once (nil: it does not parse).
    private var parsedTexts: [String: Version?] = [:]
    /// Whether each distinct tag triple parses.
    private var triplesParse: [String: Bool] = [:]

    /// Adds one distribution of the project. Files whose version does not parse, or wheels
    /// whose tags do not, cannot be installed and are left out of every version.
    mutating func add(record: Int, versionText: String, textID: UInt32, kind: ListedFileKind, tagTriple: String?, uploadTime: Timestamp?) {
        guard let version = parse(versionText) else { return }
        if kind == .wheel {
            guard let tagTriple, tagsParse(tagTriple) else { return }
        }
        let group: Int
        if let known = groupOfVersion[version] {
            group = known
        } else {
            group = groups.count
            groups.append(Group(version: version, textID: textID))
            groupOfVersion[version] = group
        }
        groups[group].records.append(UInt32(record))
        if let uploadTime {
            groups[group].earliestUpload = min(groups[group].earliestUpload, uploadTime.microsecondsSinceEpoch)
        }
    }

    /// The version table (newest first) and the grouped record numbers, as `ParsedPageLayout` lays them out.
    func encoded() -> (table: [UInt8], grouped: [UInt8], versionCount: Int, groupedCount: Int) {
        let order = groups.indices.sorted { groups[$0].version > groups[$1].version }
        var table: [UInt8] = []
        var grouped: [UInt8] = []
        table.reserveCapacity(order.count * ParsedPageLayout.versionEntrySize)
        var groupedCount = 0
        for index in order {
            let group = groups[index]
            appendLittleEndian(group.textID, to: &table)
            appendLittleEndian(UInt32(groupedCount), to: &table)
            appendLittleEndian(UInt32(group.records.count), to: &table)
            appendLittleEndian(UInt32(0), to: &table)
            appendLittleEndian(group.earliestUpload, to: &table)
            for record in group.records { appendLittleEndian(record, to: &grouped) }
            groupedCount += group.records.count
        }
        return (table, grouped, order.count, groupedCount)
    }

    private mutating func parse(_ text: String) -> Version? {
        if let known = parsedTexts[text] { return known }
        let parsed = try? Version(text)
        parsedTexts[text] = parsed
        return parsed
    }

    private mutating func tagsParse(_ triple: String) -> Bool {
        if let known = triplesParse[triple] { return known }
        let parses = (try? Tag.parseCompressedSet(triple)) != nil
        triplesParse[triple] = parses
        return parses
    }
}
