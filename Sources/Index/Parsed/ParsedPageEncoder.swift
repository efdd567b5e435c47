import PackagingModel

/// Writes the binary form of a project's files (`ParsedPageLayout`). Runs once per response
/// received (or per stored response whose parsed form is missing or stale): on a cold run it is
/// on the path of every page, so the page readers feed it texts as bytes (`add(_:)`) and it
/// builds no `String` for a text it has seen before.
///
/// Both ways in go through `add(_:)`, one record at a time, and `finish(source:)` assembles the
/// page: files given as values (`add(_ files:)`) and the byte-level JSON reader
/// (`JSONPageScanner`) produce the same bytes for the same page.
struct ParsedPageEncoder {
    /// Length and SHA-256 (32 raw bytes) of the response body the files were parsed from.
    struct Source {
        let length: Int
        let digest: [UInt8]
    }

    let project: PackageName
    /// The page URL's credentials: a file URL carrying the same ones is stored without them.
    let pageCredentials: ParsedURL.Credentials?
    private let projectName: [UInt8]
    private var strings = PageStringInterner()
    private var records: [UInt8] = []
    private var fileCount = 0
    private var versions = VersionGrouping()

    init(project: PackageName, pageCredentials: ParsedURL.Credentials?) {
        self.project = project
        self.pageCredentials = pageCredentials
        projectName = Array(project.normalized.utf8)
    }

    static func encode(_ files: [IndexFile], project: PackageName, pageCredentials: ParsedURL.Credentials?, source: Source) -> [UInt8] {
        var encoder = ParsedPageEncoder(project: project, pageCredentials: pageCredentials)
        encoder.add(files)
        return encoder.finish(source: source)
    }

    /// Files given as values (a page parsed into `IndexFile`s, a find-links directory, tests).
    mutating func add(_ files: [IndexFile]) {
        var scratch: [UInt8] = []
        for file in files {
            scratch.removeAll(keepingCapacity: true)
            let fields = Self.fields(of: file, pageCredentials: pageCredentials, into: &scratch)
            scratch.withUnsafeBytes { buffer in
                add(fields.map { $0.bytes(body: UnsafeRawBufferPointer(start: nil, count: 0), scratch: buffer) })
            }
        }
    }

    /// Appends one file's record. The order texts are interned in decides their ids, so it is
    /// the same for every caller.
    mutating func add(_ file: ListedFileFields<UnsafeRawBufferPointer>) {
        let facts = filenameFacts(file.filename)
        let yank: UInt32 = switch file.yank {
        case .notYanked: ParsedPageLayout.none
        case .reason(let reason): strings.id(reason)
        case .withoutReason: ParsedPageLayout.yankedWithoutReason
        }
        let metadata = file.coreMetadata.map { strings.id($0) } ?? ParsedPageLayout.none
        var flags: UInt8 = 0
        if file.urlTakesPageCredentials { flags |= ParsedPageLayout.Flag.pageCredentials }
        if file.uploadTime != nil { flags |= ParsedPageLayout.Flag.hasUploadTime }
        if file.size != nil { flags |= ParsedPageLayout.Flag.hasSize }
        append(strings.id(file.filename), to: &records)
        append(strings.id(file.url), to: &records)
        append(file.hashes.map { strings.id($0) } ?? ParsedPageLayout.none, to: &records)
        append(file.requiresPython.map { strings.id($0) } ?? ParsedPageLayout.none, to: &records)
        append(yank, to: &records)
        append(metadata, to: &records)
        let version: UInt32 = switch facts.version {
        case .none: ParsedPageLayout.none
        case .slice(let range): strings.id(UnsafeRawBufferPointer(rebasing: file.filename[range]))
        case .normalized(let text): strings.id(text)
        }
        append(version, to: &records)
        let triple = facts.triple.map { strings.id(UnsafeRawBufferPointer(rebasing: file.filename[$0])) }
        append(triple ?? ParsedPageLayout.none, to: &records)
        records.append(facts.kind.rawValue)
        records.append(flags)
        append(UInt32(0), to: &records)
        append(UInt16(0), to: &records)
        append(UInt64(bitPattern: file.uploadTime ?? 0), to: &records)
        append(UInt64(bitPattern: file.size ?? 0), to: &records)
        if facts.kind != .foreign, version != ParsedPageLayout.none {
            let strings = self.strings
            versions.add(record: fileCount, versionID: version, tripleID: triple, uploadTime: file.uploadTime, text: strings.text)
        }
        fileCount += 1
    }

    /// The whole parsed page: header tied to `source`, counts, string table, records, version
    /// table, grouped files, strings.
    func finish(source: Source) -> [UInt8] {
        let versionTable = versions.encoded()
        var payload: [UInt8] = []
        payload.reserveCapacity(ParsedPageLayout.countsSize + strings.count * ParsedPageLayout.stringEntrySize + records.count
            + versionTable.table.count + versionTable.grouped.count + strings.bytes.count)
        append(UInt32(fileCount), to: &payload)
        append(UInt32(strings.count), to: &payload)
        append(UInt32(strings.bytes.count), to: &payload)
        append(UInt32(versionTable.versionCount), to: &payload)
        append(UInt32(versionTable.groupedCount), to: &payload)
        append(UInt32(0), to: &payload)
        for span in strings.spans {
            append(span.start, to: &payload)
            append(span.count, to: &payload)
        }
        payload += records
        payload += versionTable.table
        payload += versionTable.grouped
        payload += strings.bytes

        var header = ParsedPageLayout.magic
        append(ParsedPageLayout.formatVersion, to: &header)
        append(UInt32(0), to: &header)
        append(UInt64(source.length), to: &header)
        header += source.digest.count == 32 ? source.digest : [UInt8](repeating: 0, count: 32)
        append(payload.withUnsafeBytes { PageChecksum.of($0) }, to: &header)
        return header + payload
    }

    // MARK: texts of a file given as a value

    private static func fields(of file: IndexFile, pageCredentials: ParsedURL.Credentials?, into scratch: inout [UInt8]) -> ListedFileFields<FieldText> {
        func text(_ value: String) -> FieldText {
            let start = scratch.count
            scratch.append(contentsOf: value.utf8)
            return .scratch(start..<scratch.count)
        }
        let url = storedURL(file.url, pageCredentials: pageCredentials)
        let yank: ListedFileFields<FieldText>.Yank = switch file.yanked {
        case .notYanked: .notYanked
        case .yanked(let reason?): .reason(text(reason))
        case .yanked(nil): .withoutReason
        }
        let metadata: FieldText? = switch file.coreMetadata {
        case .unavailable: nil
        case .available(let hashes): text(Self.text(of: hashes))
        }
        return ListedFileFields(
            filename: text(file.filename), url: text(url.text), urlTakesPageCredentials: url.takesPageCredentials,
            hashes: file.hashes.isEmpty ? nil : text(Self.text(of: file.hashes)),
            requiresPython: file.requiresPython.map(text), yank: yank, coreMetadata: metadata,
            uploadTime: file.uploadTime?.microsecondsSinceEpoch, size: file.size)
    }

    /// How a file URL is stored: credentials never reach the cache unless the link itself carried
    /// them (they are in the page body already); the page's own are given back when read.
    static func storedURL(_ url: ParsedURL, pageCredentials: ParsedURL.Credentials?) -> (text: String, takesPageCredentials: Bool) {
        if url.credentials == nil { return (url.requestString, false) }
        if url.credentials == pageCredentials { return (url.requestString, true) }
        return (url.serialized(userinfo: userinfo(url.credentials), includeFragment: false), false)
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

    // MARK: facts from the file name

    private enum VersionText {
        case none
        /// Bytes of the file name, as written (a wheel).
        case slice(Range<Int>)
        /// A source distribution's version, normalised.
        case normalized(String)
    }

    /// Kind, version text and tag triple from a file name, as `ProjectFiles` will want them.
    private func filenameFacts(_ filename: UnsafeRawBufferPointer) -> (kind: ListedFileKind, version: VersionText, triple: Range<Int>?) {
        let wheelSuffix = ".whl".utf8
        guard filename.count >= wheelSuffix.count, filename[(filename.count - wheelSuffix.count)...].elementsEqual(wheelSuffix) else {
            let text = String(decoding: filename, as: UTF8.self)
            guard let sdist = try? SdistFilename(text, packageName: project), sdist.name == project else { return (.foreign, .none, nil) }
            return (.sourceDistribution, .normalized(sdist.version.description), nil)
        }
        // name-version(-build)?-python-abi-platform.whl
        let stemEnd = filename.count - wheelSuffix.count
        // The first three dashes are all it takes: the tag triple starts after the third from
        // the end, which is the second of four or the third of five.
        var dashes = (0, 0, 0)
        var dashCount = 0
        for index in 0..<stemEnd where filename[index] == UInt8(ascii: "-") {
            switch dashCount {
            case 0: dashes.0 = index
            case 1: dashes.1 = index
            case 2: dashes.2 = index
            default: break
            }
            dashCount += 1
            if dashCount > 5 { return (.foreign, .none, nil) }
        }
        guard dashCount == 4 || dashCount == 5, isProject(UnsafeRawBufferPointer(rebasing: filename[..<dashes.0])) else {
            return (.foreign, .none, nil)
        }
        return (.wheel, .slice(dashes.0 + 1..<dashes.1), (dashCount == 4 ? dashes.1 : dashes.2) + 1..<stemEnd)
    }

    /// Whether `name` is a valid distribution name (PEP 508: ASCII letters and digits, with `-_.`
    /// inside) whose PEP 503 form is this project's: what `PackageName(name) == project` says,
    /// without building either.
    private func isProject(_ name: UnsafeRawBufferPointer) -> Bool {
        func isAlphanumeric(_ byte: UInt8) -> Bool { byte.isASCIILetter || byte.isASCIIDigit }
        func isSeparator(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") }
        guard let first = name.first, let last = name.last, isAlphanumeric(first), isAlphanumeric(last) else { return false }
        var matched = 0
        var index = 0
        while index < name.count {
            let byte = name[index]
            if isSeparator(byte) {
                while index < name.count, isSeparator(name[index]) { index += 1 }
                guard matched < projectName.count, projectName[matched] == UInt8(ascii: "-") else { return false }
            } else {
                guard isAlphanumeric(byte), matched < projectName.count else { return false }
                let lowered = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
                guard projectName[matched] == lowered else { return false }
                index += 1
            }
            matched += 1
        }
        return matched == projectName.count
    }

    private func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        appendLittleEndian(value, to: &bytes)
    }
}

func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
}
