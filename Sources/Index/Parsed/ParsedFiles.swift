import PackagingModel

/// The files of one project page in their parsed binary form (`ParsedPageLayout`), read in
/// place: the facts candidate selection needs (`facts(at:)`, `string(_:)`, `uploadTime(at:)`)
/// come straight from the bytes, and an `IndexFile` is decoded only for the files asked for
/// (subscript). Reading a project does not allocate per file.
///
/// A collection of `IndexFile`s in page order; `keeping(_:)` narrows it (`--exclude-newer`).
public struct ParsedFiles: Sendable, RandomAccessCollection {
    let storage: PageBytes
    let fileCount: Int
    /// How many distinct strings the page holds: `PageStringID`s run from 0 up to this.
    public let stringCount: Int
    let recordsOffset: Int
    let stringBytesOffset: Int
    /// The page URL's credentials, given back to the files stored without them.
    let pageCredentials: ParsedURL.Credentials?
    /// Positions of the files in this collection, when narrowed; nil means all, in order.
    let selection: [Int32]?

    /// Reads `storage` as a parsed page derived from a response body of `sourceLength` bytes
    /// whose SHA-256 is `sourceDigest` (32 bytes); nil when it is not one (wrong magic or format,
    /// another source, bad checksum, an offset or id out of bounds): the caller rebuilds it.
    init?(_ storage: PageBytes, sourceLength: Int, sourceDigest: [UInt8], pageCredentials: ParsedURL.Credentials?) {
        let bytes = storage.bytes
        typealias Layout = ParsedPageLayout
        guard bytes.count >= Layout.Offset.stringTable,
            Layout.magic.indices.allSatisfy({ bytes[$0] == Layout.magic[$0] }),
            Self.u32(bytes, Layout.Offset.formatVersion) == Layout.formatVersion,
            Self.u64(bytes, Layout.Offset.sourceLength) == UInt64(sourceLength),
            sourceDigest.count == 32, sourceDigest.indices.allSatisfy({ bytes[Layout.Offset.sourceDigest + $0] == sourceDigest[$0] })
        else { return nil }
        let fileCount = Int(Self.u32(bytes, Layout.Offset.fileCount))
        let stringCount = Int(Self.u32(bytes, Layout.Offset.stringCount))
        let stringBytesLength = Int(Self.u32(bytes, Layout.Offset.stringBytesLength))
        let recordsOffset = Layout.Offset.stringTable + stringCount * Layout.stringEntrySize
        let stringBytesOffset = recordsOffset + fileCount * Layout.recordSize
        guard stringBytesOffset + stringBytesLength == bytes.count,
            Self.u64(bytes, Layout.Offset.checksum) == PageChecksum.of(UnsafeRawBufferPointer(rebasing: bytes[Layout.headerSize...]))
        else { return nil }
        // The checksum says the bytes are the ones written; these say the writer wrote sense.
        for entry in 0..<stringCount {
            let at = Layout.Offset.stringTable + entry * Layout.stringEntrySize
            guard Int(Self.u32(bytes, at)) + Int(Self.u32(bytes, at + 4)) <= stringBytesLength else { return nil }
        }
        let idFields = [Layout.Field.filename, Layout.Field.url, Layout.Field.hashes, Layout.Field.requiresPython,
                        Layout.Field.yankReason, Layout.Field.coreMetadata, Layout.Field.version, Layout.Field.tagTriple]
        for file in 0..<fileCount {
            let record = recordsOffset + file * Layout.recordSize
            for field in idFields {
                let id = Self.u32(bytes, record + field)
                guard id < stringCount || id == Layout.none || (field == Layout.Field.yankReason && id == Layout.yankedWithoutReason)
                else { return nil }
            }
            guard Self.u32(bytes, record + Layout.Field.filename) != Layout.none, Self.u32(bytes, record + Layout.Field.url) != Layout.none,
                ListedFileKind(rawValue: bytes[record + Layout.Field.kind]) != nil
            else { return nil }
        }
        self.storage = storage
        self.fileCount = fileCount
        self.stringCount = stringCount
        self.recordsOffset = recordsOffset
        self.stringBytesOffset = stringBytesOffset
        self.pageCredentials = pageCredentials
        self.selection = nil
    }

    private init(_ base: ParsedFiles, selection: [Int32]) {
        storage = base.storage
        fileCount = base.fileCount
        stringCount = base.stringCount
        recordsOffset = base.recordsOffset
        stringBytesOffset = base.stringBytesOffset
        pageCredentials = base.pageCredentials
        self.selection = selection
    }

    /// Files given as values (a find-links directory, a direct reference, tests), in the same form.
    /// Files whose URLs carry `pageCredentials` keep them in memory only (they are never written).
    public init(_ files: [IndexFile], project: PackageName, pageCredentials: ParsedURL.Credentials? = nil) {
        let zero = [UInt8](repeating: 0, count: 32)
        let bytes = ParsedPageEncoder.encode(files, project: project, pageCredentials: pageCredentials, source: .init(length: 0, digest: zero))
        let storage = PageBytes.copying(bytes)
        self.storage = storage
        fileCount = files.count
        stringCount = Int(Self.u32(storage.bytes, ParsedPageLayout.Offset.stringCount))
        recordsOffset = ParsedPageLayout.Offset.stringTable + stringCount * ParsedPageLayout.stringEntrySize
        stringBytesOffset = recordsOffset + fileCount * ParsedPageLayout.recordSize
        self.pageCredentials = pageCredentials
        selection = nil
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { selection?.count ?? fileCount }

    public subscript(position: Int) -> IndexFile {
        let record = recordOffset(position)
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
            uploadTime: uploadTime(at: position),
            size: flags & ParsedPageLayout.Flag.hasSize != 0 ? Int64(bitPattern: u64(record + Field.size)) : nil)
    }

    /// The file name of the file at `position`.
    public func filename(at position: Int) -> String {
        text(u32(recordOffset(position) + ParsedPageLayout.Field.filename))
    }

    public func facts(at position: Int) -> ListedFileFacts {
        let record = recordOffset(position)
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

    public func uploadTime(at position: Int) -> Timestamp? {
        let record = recordOffset(position)
        guard storage.bytes[record + ParsedPageLayout.Field.flags] & ParsedPageLayout.Flag.hasUploadTime != 0 else { return nil }
        return Timestamp(microsecondsSinceEpoch: Int64(bitPattern: u64(record + ParsedPageLayout.Field.uploadTime)))
    }

    public func string(_ id: PageStringID) -> String { text(UInt32(id.value)) }

    /// The files at the positions `keep` accepts, in order.
    public func keeping(_ keep: (Int) -> Bool) -> ParsedFiles {
        let kept = indices.filter(keep).map { position in Int32(selection.map { Int($0[position]) } ?? position) }
        return ParsedFiles(self, selection: kept)
    }

    // MARK: reading the bytes

    private func recordOffset(_ position: Int) -> Int {
        let file = selection.map { Int($0[position]) } ?? position
        return recordsOffset + file * ParsedPageLayout.recordSize
    }

    private func stringID(_ raw: UInt32) -> PageStringID? {
        raw < stringCount ? PageStringID(value: Int(raw)) : nil
    }

    private func text(_ id: UInt32) -> String {
        guard id < stringCount else { return "" }
        let entry = ParsedPageLayout.Offset.stringTable + Int(id) * ParsedPageLayout.stringEntrySize
        let start = stringBytesOffset + Int(u32(entry))
        return String(decoding: UnsafeRawBufferPointer(rebasing: storage.bytes[start..<start + Int(u32(entry + 4))]), as: UTF8.self)
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
