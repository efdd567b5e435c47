import PackagingModel

import Synchronization

/// The files of one project page in their parsed binary form (`ParsedPageLayout`), read in
/// place: the facts candidate selection needs (`facts(record:)`, `string(_:)`, the version
/// table) come straight from the bytes, and an `IndexFile` is decoded only for the files asked
/// for. Reading a project does not allocate per file.
///
/// Files are numbered two ways. A *record* is a file's place on the page; the version table
/// speaks in records. A *position* is a file's place in this collection of `IndexFile`s, which
/// `keeping(uploadedNoLaterThan:)` narrows (`--exclude-newer`) without touching the records:
/// the positions of a narrowed page are worked out only if it is read as a collection.
public struct ParsedFiles: Sendable, RandomAccessCollection {
    let storage: PageBytes
    /// How many files the page lists (records run from 0 up to this).
    public let recordCount: Int
    /// How many distinct strings the page holds: `PageStringID`s run from 0 up to this.
    public let stringCount: Int
    /// How many distinct versions the version table holds (groups run from 0 up to this).
    public let versionCount: Int
    let groupedCount: Int
    let recordsOffset: Int
    let versionTableOffset: Int
    let groupedOffset: Int
    let stringBytesOffset: Int
    let stringBytesLength: Int
    /// The page URL's credentials, given back to the files stored without them.
    let pageCredentials: ParsedURL.Credentials?
    /// `--exclude-newer`: files uploaded later, or without an upload time, are not listed.
    public let uploadCutoff: Timestamp?
    /// The records of the positions, when narrowed (nil: every record, in order).
    let selection: Selection?

    /// Reads `storage` as a parsed page derived from a response body of `sourceLength` bytes
    /// whose SHA-256 is `sourceDigest` (32 bytes); nil when it is not one (wrong magic or format,
    /// another source, bad checksum, sections that do not add up): the caller rebuilds it.
    init?(_ storage: PageBytes, sourceLength: Int, sourceDigest: [UInt8], pageCredentials: ParsedURL.Credentials?) {
        let bytes = storage.bytes
        typealias Layout = ParsedPageLayout
        guard bytes.count >= Layout.Offset.stringTable,
            Layout.magic.indices.allSatisfy({ bytes[$0] == Layout.magic[$0] }),
            Self.u32(bytes, Layout.Offset.formatVersion) == Layout.formatVersion,
            Self.u64(bytes, Layout.Offset.sourceLength) == UInt64(sourceLength),
            sourceDigest.count == 32, sourceDigest.indices.allSatisfy({ bytes[Layout.Offset.sourceDigest + $0] == sourceDigest[$0] })
        else { return nil }
        let sections = Sections(bytes)
        guard sections.stringBytesOffset + sections.stringBytesLength == bytes.count,
            Self.u64(bytes, Layout.Offset.checksum) == PageChecksum.of(UnsafeRawBufferPointer(rebasing: bytes[Layout.headerSize...]))
        else { return nil }
        // The checksum says the bytes are the ones written. Ids, offsets and record numbers
        // inside them are checked where they are read (an out-of-range one reads as absent),
        // so opening a page costs no pass over its files.
        self.init(storage: storage, sections: sections, pageCredentials: pageCredentials)
    }

    /// Where the sections of a page's payload start, from its counts (`bytes` holds at least the
    /// header and the counts; whether the sections add up to its length is the caller's check).
    struct Sections {
        let recordCount, stringCount, versionCount, groupedCount, stringBytesLength: Int
        let recordsOffset, versionTableOffset, groupedOffset, stringBytesOffset: Int

        init(_ bytes: UnsafeRawBufferPointer) {
            typealias Layout = ParsedPageLayout
            recordCount = Int(ParsedFiles.u32(bytes, Layout.Offset.fileCount))
            stringCount = Int(ParsedFiles.u32(bytes, Layout.Offset.stringCount))
            stringBytesLength = Int(ParsedFiles.u32(bytes, Layout.Offset.stringBytesLength))
            versionCount = Int(ParsedFiles.u32(bytes, Layout.Offset.versionCount))
            groupedCount = Int(ParsedFiles.u32(bytes, Layout.Offset.groupedFileCount))
            recordsOffset = Layout.Offset.stringTable + stringCount * Layout.stringEntrySize
            versionTableOffset = recordsOffset + recordCount * Layout.recordSize
            groupedOffset = versionTableOffset + versionCount * Layout.versionEntrySize
            stringBytesOffset = groupedOffset + groupedCount * 4
        }
    }

    private init(storage: PageBytes, sections: Sections, pageCredentials: ParsedURL.Credentials?) {
        self.storage = storage
        recordCount = sections.recordCount
        stringCount = sections.stringCount
        versionCount = sections.versionCount
        groupedCount = sections.groupedCount
        recordsOffset = sections.recordsOffset
        versionTableOffset = sections.versionTableOffset
        groupedOffset = sections.groupedOffset
        stringBytesOffset = sections.stringBytesOffset
        stringBytesLength = sections.stringBytesLength
        self.pageCredentials = pageCredentials
        uploadCutoff = nil
        selection = nil
    }

    private init(_ base: ParsedFiles, uploadCutoff: Timestamp) {
        storage = base.storage
        recordCount = base.recordCount
        stringCount = base.stringCount
        versionCount = base.versionCount
        groupedCount = base.groupedCount
        recordsOffset = base.recordsOffset
        versionTableOffset = base.versionTableOffset
        groupedOffset = base.groupedOffset
        stringBytesOffset = base.stringBytesOffset
        stringBytesLength = base.stringBytesLength
        pageCredentials = base.pageCredentials
        let cutoff = base.uploadCutoff.map { Swift.min($0, uploadCutoff) } ?? uploadCutoff
        self.uploadCutoff = cutoff
        selection = Selection()
    }

    /// Files given as values (a find-links directory, a direct reference, tests), in the same form.
    /// Files whose URLs carry `pageCredentials` keep them in memory only (they are never written).
    public init(_ files: [IndexFile], project: PackageName, pageCredentials: ParsedURL.Credentials? = nil) {
        let zero = [UInt8](repeating: 0, count: 32)
        let bytes = ParsedPageEncoder.encode(files, project: project, pageCredentials: pageCredentials, source: .init(length: 0, digest: zero))
        let storage = PageBytes.copying(bytes)
        // The encoder's own output: a whole header, and sections that add up.
        self.init(storage: storage, sections: Sections(storage.bytes), pageCredentials: pageCredentials)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { selection == nil ? recordCount : selectedRecords.count }

    public subscript(position: Int) -> IndexFile { file(record: record(at: position)) }

    /// The record of the file at `position` of this collection.
    public func record(at position: Int) -> Int {
        selection == nil ? position : Int(selectedRecords[position])
    }

    /// Whether the file of `record` is listed (within `--exclude-newer`).
    public func isListed(record: Int) -> Bool {
        guard let uploadCutoff else { return true }
        return uploadTime(record: record).map { $0 <= uploadCutoff } ?? false
    }

    /// The files uploaded no later than `cutoff`: files without an upload time are dropped.
    public func keeping(uploadedNoLaterThan cutoff: Timestamp) -> ParsedFiles {
        ParsedFiles(self, uploadCutoff: cutoff)
    }

    /// The records listed, worked out once per narrowed page and only when it is read as a collection.
    private var selectedRecords: [Int32] {
        selection?.records(of: self) ?? []
    }

    final class Selection: Sendable {
        private let records = Mutex<[Int32]?>(nil)

        func records(of files: ParsedFiles) -> [Int32] {
            records.withLock { known in
                if let known { return known }
                let listed = (0..<files.recordCount).filter(files.isListed(record:)).map { Int32($0) }
                known = listed
                return listed
            }
        }
    }

    // MARK: the version table

    /// The version text of group `group` (groups run newest first); nil if out of range.
    public func versionText(group: Int) -> PageStringID? {
        guard group >= 0, group < versionCount else { return nil }
        return stringID(u32(versionEntry(group) + ParsedPageLayout.VersionField.text))
    }

    /// Whether any file of `group` is listed within the upload cutoff (without reading its files).
    public func groupMayBeListed(_ group: Int) -> Bool {
        guard let uploadCutoff else { return true }
        guard group >= 0, group < versionCount else { return false }
        let earliest = Int64(bitPattern: u64(versionEntry(group) + ParsedPageLayout.VersionField.earliestUpload))
        return earliest != ParsedPageLayout.noUploadTime && earliest <= uploadCutoff.microsecondsSinceEpoch
    }

    /// The records of `group`'s files that are listed, in page order.
    public func records(group: Int) -> [Int] {
        guard group >= 0, group < versionCount else { return [] }
        let entry = versionEntry(group)
        let first = Int(u32(entry + ParsedPageLayout.VersionField.firstGrouped))
        let count = Int(u32(entry + ParsedPageLayout.VersionField.groupedCount))
        guard first <= groupedCount, count <= groupedCount - first else { return [] }
        var records: [Int] = []
        records.reserveCapacity(count)
        for slot in first..<first + count {
            let record = Int(u32(groupedOffset + slot * 4))
            if record < recordCount, isListed(record: record) { records.append(record) }
        }
        return records
    }

    private func versionEntry(_ group: Int) -> Int {
        versionTableOffset + group * ParsedPageLayout.versionEntrySize
    }

    /// The index entry of `record`, decoded.
    public func file(record number: Int) -> IndexFile {
        let record = recordOffset(number)
        typealias Field = ParsedPageLayout.Field
        let flags = storage.bytes[record + Field.flags]
        let urlText = text(u32(record + Field.url))
        var url = ParsedURL(urlText) ?? ParsedURL(scheme: "", credentials: nil, host: "", port: nil, path: urlText, query: nil, fragment: nil)
        if flags & ParsedPageLayout.Flag.pageCredentials != 0 {
            url = ParsedURL(scheme: url.scheme, credentials: pageCredentials, host: url.host, port: url.port, path: url.path, query: url.query, fragment: nil)
        }
        let yank = u32(record + Field.yankReason)
        let metadata = u32(record + Field.coreMetadata)
        return IndexFile(
            filename: text(u32(record + Field.filename)),
            url: url,
            hashes: hashes(u32(record + Field.hashes)),
            requiresPython: optionalText(u32(record + Field.requiresPython)),
            yanked: yank == ParsedPageLayout.none ? .notYanked : .yanked(reason: yank == ParsedPageLayout.yankedWithoutReason ? nil : text(yank)),
            coreMetadata: metadata == ParsedPageLayout.none ? .unavailable : .available(hashes(metadata)),
            uploadTime: uploadTime(record: number),
            size: flags & ParsedPageLayout.Flag.hasSize != 0 ? Int64(bitPattern: u64(record + Field.size)) : nil)
    }

    /// The file name of the file of `record`.
    public func filename(record: Int) -> String {
        text(u32(recordOffset(record) + ParsedPageLayout.Field.filename))
    }

    public func facts(record number: Int) -> ListedFileFacts {
        let record = recordOffset(number)
        typealias Field = ParsedPageLayout.Field
        let yank = u32(record + Field.yankReason)
        return ListedFileFacts(
            kind: ListedFileKind(rawValue: storage.bytes[record + Field.kind]) ?? .foreign,
            version: stringID(u32(record + Field.version)),
            tagTriple: stringID(u32(record + Field.tagTriple)),
            requiresPython: stringID(u32(record + Field.requiresPython)),
            yanked: yank != ParsedPageLayout.none,
            yankReason: yank == ParsedPageLayout.yankedWithoutReason ? nil : stringID(yank))
    }

    public func uploadTime(record number: Int) -> Timestamp? {
        let record = recordOffset(number)
        guard storage.bytes[record + ParsedPageLayout.Field.flags] & ParsedPageLayout.Flag.hasUploadTime != 0 else { return nil }
        return Timestamp(microsecondsSinceEpoch: Int64(bitPattern: u64(record + ParsedPageLayout.Field.uploadTime)))
    }

    public func string(_ id: PageStringID) -> String { text(UInt32(id.value)) }

    // MARK: reading the bytes

    /// The offset of `record`'s bytes; the callers' record numbers come from this page's own
    /// counts, or from its version table checked against them.
    private func recordOffset(_ record: Int) -> Int {
        recordsOffset + record * ParsedPageLayout.recordSize
    }

    private func stringID(_ raw: UInt32) -> PageStringID? {
        raw < stringCount ? PageStringID(value: Int(raw)) : nil
    }

    /// The text of string `id`; empty when the id or its entry is out of bounds.
    private func text(_ id: UInt32) -> String {
        guard id < stringCount else { return "" }
        let entry = ParsedPageLayout.Offset.stringTable + Int(id) * ParsedPageLayout.stringEntrySize
        let offset = Int(u32(entry))
        let length = Int(u32(entry + 4))
        guard offset <= stringBytesLength, length <= stringBytesLength - offset else { return "" }
        let start = stringBytesOffset + offset
        return String(decoding: UnsafeRawBufferPointer(rebasing: storage.bytes[start..<start + length]), as: UTF8.self)
    }

    private func optionalText(_ id: UInt32) -> String? { id < stringCount ? text(id) : nil }

    private func hashes(_ id: UInt32) -> FileHashes {
        guard id < stringCount else { return FileHashes() }
        var digests: [String: String] = [:]
        for pair in text(id).split(separator: ",") {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            digests[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        return FileHashes(digests)
    }

    private func u32(_ offset: Int) -> UInt32 { Self.u32(storage.bytes, offset) }
    private func u64(_ offset: Int) -> UInt64 { Self.u64(storage.bytes, offset) }

    static func u32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    static func u64(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}

extension ParsedFiles: Equatable {
    public static func == (lhs: ParsedFiles, rhs: ParsedFiles) -> Bool {
        lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { $0 == $1 }
    }
}
