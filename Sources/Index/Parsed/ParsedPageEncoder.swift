import PackagingModel

/// Writes the binary form of a project's files (`ParsedPageLayout`). Runs once per response
/// received (or per stored response whose parsed form is missing or stale), so it favours
/// simplicity over speed; reading is the hot path.
struct ParsedPageEncoder {
    /// Length and SHA-256 (32 raw bytes) of the response body the files were parsed from.
    struct Source {
        let length: Int
        let digest: [UInt8]
    }

    private var strings: [String] = []
    private var ids: [String: UInt32] = [:]
    private var projectNames: [String: Bool] = [:]
    private var versions = VersionGrouping()
    let project: PackageName

    init(project: PackageName) {
        self.project = project
    }

    static func encode(_ files: [IndexFile], project: PackageName, pageCredentials: ParsedURL.Credentials?, source: Source) -> [UInt8] {
        var encoder = ParsedPageEncoder(project: project)
        return encoder.encode(files, pageCredentials: pageCredentials, source: source)
    }

    private mutating func encode(_ files: [IndexFile], pageCredentials: ParsedURL.Credentials?, source: Source) -> [UInt8] {
        var records: [UInt8] = []
        records.reserveCapacity(files.count * ParsedPageLayout.recordSize)
        for (record, file) in files.enumerated() { appendRecord(file, record: record, pageCredentials: pageCredentials, to: &records) }
        let (versionTable, grouped, versionCount, groupedCount) = versions.encoded()

        var table: [UInt8] = []
        var stringBytes: [UInt8] = []
        for text in strings {
            append(UInt32(stringBytes.count), to: &table)
            append(UInt32(text.utf8.count), to: &table)
            stringBytes.append(contentsOf: text.utf8)
        }
        var payload: [UInt8] = []
        append(UInt32(files.count), to: &payload)
        append(UInt32(strings.count), to: &payload)
        append(UInt32(stringBytes.count), to: &payload)
        append(UInt32(versionCount), to: &payload)
        append(UInt32(groupedCount), to: &payload)
        append(UInt32(0), to: &payload)
        payload += table
        payload += records
        payload += versionTable
        payload += grouped
        payload += stringBytes

        var header = ParsedPageLayout.magic
        append(ParsedPageLayout.formatVersion, to: &header)
        append(UInt32(0), to: &header)
        append(UInt64(source.length), to: &header)
        header += source.digest.count == 32 ? source.digest : [UInt8](repeating: 0, count: 32)
        append(payload.withUnsafeBytes { PageChecksum.of($0) }, to: &header)
        return header + payload
    }

    private mutating func appendRecord(_ file: IndexFile, record: Int, pageCredentials: ParsedURL.Credentials?, to records: inout [UInt8]) {
        let facts = filenameFacts(file.filename)
        var flags: UInt8 = 0
        let urlText: String
        if file.url.credentials == nil {
            urlText = file.url.requestString
        } else if file.url.credentials == pageCredentials {
            urlText = file.url.requestString
            flags |= ParsedPageLayout.Flag.pageCredentials
        } else {
            // The link carried its own credentials: they are in the page body already.
            urlText = file.url.serialized(userinfo: Self.userinfo(file.url.credentials), includeFragment: false)
        }
        let yank: UInt32 = switch file.yanked {
        case .notYanked: ParsedPageLayout.none
        case .yanked(let reason?): id(reason)
        case .yanked(nil): ParsedPageLayout.yankedWithoutReason
        }
        let metadata: UInt32 = switch file.coreMetadata {
        case .unavailable: ParsedPageLayout.none
        case .available(let hashes): id(Self.text(of: hashes))
        }
        if file.uploadTime != nil { flags |= ParsedPageLayout.Flag.hasUploadTime }
        if file.size != nil { flags |= ParsedPageLayout.Flag.hasSize }
        append(id(file.filename), to: &records)
        append(id(urlText), to: &records)
        append(file.hashes.isEmpty ? ParsedPageLayout.none : id(Self.text(of: file.hashes)), to: &records)
        append(file.requiresPython.map { id($0) } ?? ParsedPageLayout.none, to: &records)
        append(yank, to: &records)
        append(metadata, to: &records)
        let versionID = facts.version.map { id($0) }
        append(versionID ?? ParsedPageLayout.none, to: &records)
        append(facts.triple.map { id($0) } ?? ParsedPageLayout.none, to: &records)
        records += [facts.kind.rawValue, flags, 0, 0, 0, 0, 0, 0]
        append(UInt64(bitPattern: file.uploadTime?.microsecondsSinceEpoch ?? 0), to: &records)
        append(UInt64(bitPattern: file.size ?? 0), to: &records)
        if let text = facts.version, let versionID, facts.kind != .foreign {
            versions.add(record: record, versionText: text, textID: versionID, kind: facts.kind, tagTriple: facts.triple, uploadTime: file.uploadTime)
        }
    }

    /// `alg=hex,alg=hex`, sorted by algorithm; `ParsedFiles` splits it back.
    static func text(of hashes: FileHashes) -> String {
        hashes.digests.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    private static func userinfo(_ credentials: ParsedURL.Credentials?) -> String {
        guard let credentials else { return "" }
        let user = PercentEncoding.encodeUserinfo(credentials.user)
        guard let password = credentials.password else { return user + "@" }
        return user + ":" + PercentEncoding.encodeUserinfo(password) + "@"
    }

    /// Kind, version text and tag triple from a file name, as `ProjectFiles` will want them.
    private mutating func filenameFacts(_ filename: String) -> (kind: ListedFileKind, version: String?, triple: String?) {
        guard filename.hasSuffix(".whl") else {
            guard let sdist = try? SdistFilename(filename, packageName: project), sdist.name == project else { return (.foreign, nil, nil) }
            return (.sourceDistribution, sdist.version.description, nil)
        }
        // name-version(-build)?-python-abi-platform.whl
        let stem = filename.utf8.dropLast(4)
        var dashes: [String.Index] = []
        var index = stem.startIndex
        while index < stem.endIndex {
            if stem[index] == UInt8(ascii: "-") { dashes.append(index) }
            index = stem.index(after: index)
        }
        guard dashes.count == 4 || dashes.count == 5 else { return (.foreign, nil, nil) }
        let name = String(filename[..<dashes[0]])
        guard isProject(name) else { return (.foreign, nil, nil) }
        let version = String(filename[filename.index(after: dashes[0])..<dashes[1]])
        let triple = String(filename[filename.index(after: dashes[dashes.count - 3])..<stem.endIndex])
        return (.wheel, version, triple)
    }

    private mutating func isProject(_ text: String) -> Bool {
        if let known = projectNames[text] { return known }
        let matches = (try? PackageName(text)) == project
        projectNames[text] = matches
        return matches
    }

    private mutating func id(_ text: String) -> UInt32 {
        if let known = ids[text] { return known }
        let new = UInt32(strings.count)
        strings.append(text)
        ids[text] = new
        return new
    }

    private func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        appendLittleEndian(value, to: &bytes)
    }
}

func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
}
