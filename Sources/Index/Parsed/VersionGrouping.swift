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
    /// The group of each distinct version text, by its string id (nil: it does not parse).
    private var groupOfText: [UInt32: Int?] = [:]
    /// Whether each distinct tag triple parses, by its string id.
    private var triplesParse: [UInt32: Bool] = [:]

    /// Adds one distribution of the project (a wheel when it has a tag triple), its texts given
    /// by string id and read through `text` the first time an id is seen. Files whose version
    /// does not parse, or wheels whose tags do not, cannot be installed and are left out of
    /// every version.
    mutating func add(record: Int, versionID: UInt32, tripleID: UInt32?, uploadTime: Int64?, text: (UInt32) -> String) {
        if let tripleID {
            guard tagsParse(tripleID, text: text) else { return }
        }
        guard let group = group(ofText: versionID, text: text) else { return }
        groups[group].records.append(UInt32(record))
        if let uploadTime {
            groups[group].earliestUpload = min(groups[group].earliestUpload, uploadTime)
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

    /// Texts naming one version (`1.0`, `1.0.0`) share its group, under the text seen first.
    private mutating func group(ofText id: UInt32, text: (UInt32) -> String) -> Int? {
        if let known = groupOfText[id] { return known }
        var group: Int?
        if let version = try? Version(text(id)) {
            if let existing = groupOfVersion[version] {
                group = existing
            } else {
                group = groups.count
                groups.append(Group(version: version, textID: id))
                groupOfVersion[version] = groups.count - 1
            }
        }
        groupOfText[id] = .some(group)
        return group
    }

    private mutating func tagsParse(_ id: UInt32, text: (UInt32) -> String) -> Bool {
        if let known = triplesParse[id] { return known }
        let parses = (try? Tag.parseCompressedSet(text(id))) != nil
        triplesParse[id] = parses
        return parses
    }
}
