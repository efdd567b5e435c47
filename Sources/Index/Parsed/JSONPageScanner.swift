import PackagingModel

/// Reads a PEP 691 JSON page straight from the response bytes into a `ParsedPageEncoder`: no
/// tree of JSON values, no `IndexFile`, `ParsedURL` or `FileHashes` per file. Each field is taken
/// as a range of the body; only strings with escapes or non-ASCII bytes, URLs that are not already
/// in stored form, and hashes texts are produced in a scratch buffer.
///
/// It answers only for pages it reads exactly as `SimpleJSONPage` does, byte for byte of the
/// encoded page. Anything else (malformed JSON, a missing field, a relative link it cannot take
/// as it is, hashes with non-ASCII text, a future API version) makes it give up (nil), and the
/// caller parses the page with `SimplePageParser`, which gives the same files or the same error.
struct JSONPageScanner {
    let body: UnsafeRawBufferPointer
    private let pageURL: ParsedURL
    var offset = 0
    /// Texts of the file being read that are not bytes of the body; emptied per file.
    var scratch: [UInt8] = []

    /// Thrown to give the page back to `SimplePageParser`.
    struct GiveUp: Error {}

    private init(body: UnsafeRawBufferPointer, pageURL: ParsedURL) {
        self.body = body
        self.pageURL = pageURL
    }

    /// The page's files encoded, or nil when `SimplePageParser` must read it (see above).
    static func encoder(body: [UInt8], pageURL: ParsedURL, project: PackageName) -> ParsedPageEncoder? {
        body.withUnsafeBytes { bytes in
            var scanner = JSONPageScanner(body: bytes, pageURL: pageURL)
            var encoder = ParsedPageEncoder(project: project, pageCredentials: pageURL.credentials)
            do {
                try scanner.document(into: &encoder)
                return encoder
            } catch {
                return nil
            }
        }
    }

    // MARK: the page

    /// `{"meta": {"api-version": …}, "files": [ … ], …}`; depths as `JSONParser` counts them.
    private mutating func document(into encoder: inout ParsedPageEncoder) throws(GiveUp) {
        skipWhitespace()
        try expect(UInt8(ascii: "{"))
        var sawFiles = false
        var sawMeta = false
        var apiVersion: String?
        try members(closing: UInt8(ascii: "}")) { (scanner: inout JSONPageScanner, key: FieldText) throws(GiveUp) in
            if scanner.text(key, is: Keys.files) {
                guard !sawFiles else { throw GiveUp() }
                sawFiles = true
                try scanner.files(into: &encoder)
            } else if scanner.text(key, is: Keys.meta) {
                guard !sawMeta else { throw GiveUp() }
                sawMeta = true
                apiVersion = try scanner.meta()
            } else {
                try scanner.skipValue(depth: 1)
            }
        }
        skipWhitespace()
        guard offset == body.count, sawFiles else { throw GiveUp() }
        if let apiVersion {
            do { try SimpleHTMLPage.checkVersion(apiVersion, url: pageURL) } catch { throw GiveUp() }
        }
    }

    /// The `api-version` of a `meta` object, if it has one as a string.
    private mutating func meta() throws(GiveUp) -> String? {
        guard peek == UInt8(ascii: "{") else {
            try skipValue(depth: 1)
            return nil
        }
        offset += 1
        var version: String?
        try members(closing: UInt8(ascii: "}")) { (scanner: inout JSONPageScanner, key: FieldText) throws(GiveUp) in
            if scanner.text(key, is: Keys.apiVersion), scanner.peek == UInt8(ascii: "\"") {
                version = String(decoding: scanner.bytes(try scanner.string()), as: UTF8.self)
            } else {
                try scanner.skipValue(depth: 2)
            }
        }
        return version
    }

    private mutating func files(into encoder: inout ParsedPageEncoder) throws(GiveUp) {
        try expect(UInt8(ascii: "["))
        try elements { (scanner: inout JSONPageScanner) throws(GiveUp) in try scanner.file(into: &encoder) }
    }

    // MARK: one file

    private enum Metadata {
        case unavailable
        case available(hashes: FieldText)
    }

    private mutating func file(into encoder: inout ParsedPageEncoder) throws(GiveUp) {
        try expect(UInt8(ascii: "{"))
        scratch.removeAll(keepingCapacity: true)
        var filename: FieldText?
        var url: FieldText?
        var hashes: FieldText?
        var requiresPython: FieldText?
        var yank = ListedFileFields<FieldText>.Yank.notYanked
        // PEP 714: `core-metadata`, else the older `dist-info-metadata`, else `data-dist-info-metadata`.
        var metadata: (Metadata?, Metadata?, Metadata?)
        var uploadTime: Int64?
        var size: Int64?
        // Members repeated in an entry: the last one counts, as in `JSONValue`.
        try members(closing: UInt8(ascii: "}")) { (scanner: inout JSONPageScanner, key: FieldText) throws(GiveUp) in
            let valueDepth = 3
            if scanner.text(key, is: Keys.filename) {
                guard scanner.peek == UInt8(ascii: "\"") else { throw GiveUp() }
                filename = try scanner.string()
            } else if scanner.text(key, is: Keys.url) {
                guard scanner.peek == UInt8(ascii: "\"") else { throw GiveUp() }
                url = try scanner.string()
            } else if scanner.text(key, is: Keys.hashes) {
                hashes = try scanner.hashes(depth: valueDepth)
                if let text = hashes, scanner.bytes(text).isEmpty { hashes = nil }
            } else if scanner.text(key, is: Keys.requiresPython) {
                requiresPython = nil
                if scanner.peek == UInt8(ascii: "\"") {
                    let text = try scanner.string()
                    if !scanner.bytes(text).isEmpty { requiresPython = text }
                } else {
                    try scanner.skipValue(depth: valueDepth)
                }
            } else if scanner.text(key, is: Keys.yanked) {
                yank = try scanner.yanked(depth: valueDepth)
            } else if scanner.text(key, is: Keys.coreMetadata) {
                metadata.0 = try scanner.metadata(depth: valueDepth)
            } else if scanner.text(key, is: Keys.distInfoMetadata) {
                metadata.1 = try scanner.metadata(depth: valueDepth)
            } else if scanner.text(key, is: Keys.dataDistInfoMetadata) {
                metadata.2 = try scanner.metadata(depth: valueDepth)
            } else if scanner.text(key, is: Keys.uploadTime) {
                uploadTime = nil
                if scanner.peek == UInt8(ascii: "\"") {
                    uploadTime = Timestamp(rfc3339UTF8: scanner.bytes(try scanner.string()))?.microsecondsSinceEpoch
                } else {
                    try scanner.skipValue(depth: valueDepth)
                }
            } else if scanner.text(key, is: Keys.size) {
                size = nil
                if let first = scanner.peek, first != UInt8(ascii: "\""), first != UInt8(ascii: "{"), first != UInt8(ascii: "["),
                    first != UInt8(ascii: "t"), first != UInt8(ascii: "f"), first != UInt8(ascii: "n") {
                    size = SimpleJSONPage.size(try scanner.number())
                } else {
                    try scanner.skipValue(depth: valueDepth)
                }
            } else {
                try scanner.skipValue(depth: valueDepth)
            }
        }
        guard let filename, let url else { throw GiveUp() }
        let stored = try storedURL(url)
        let coreMetadata: FieldText? = switch metadata.0 ?? metadata.1 ?? metadata.2 {
        case .available(let hashes): hashes
        case .unavailable, nil: nil
        }
        let fields = ListedFileFields(
            filename: filename, url: stored.text, urlTakesPageCredentials: stored.takesPageCredentials, hashes: hashes,
            requiresPython: requiresPython, yank: yank, coreMetadata: coreMetadata, uploadTime: uploadTime, size: size)
        let body = body
        scratch.withUnsafeBytes { scratch in
            encoder.add(fields.map { $0.bytes(body: body, scratch: scratch) })
        }
    }

    /// `true` or a non-empty reason; an empty reason is a yank without one, anything else none.
    private mutating func yanked(depth: Int) throws(GiveUp) -> ListedFileFields<FieldText>.Yank {
        switch peek {
        case UInt8(ascii: "t"):
            try word(Keys.true)
            return .withoutReason
        case UInt8(ascii: "\""):
            let reason = try string()
            return bytes(reason).isEmpty ? .withoutReason : .reason(reason)
        default:
            try skipValue(depth: depth)
            return .notYanked
        }
    }

    /// `true` (available, no hashes), an object of hashes (available), anything else unavailable.
    private mutating func metadata(depth: Int) throws(GiveUp) -> Metadata {
        switch peek {
        case UInt8(ascii: "t"):
            try word(Keys.true)
            return .available(hashes: .scratch(scratch.count..<scratch.count))
        case UInt8(ascii: "{"):
            return .available(hashes: try hashes(depth: depth) ?? .scratch(scratch.count..<scratch.count))
        default:
            try skipValue(depth: depth)
            return .unavailable
        }
    }

    /// An object of hashes as `ParsedPageEncoder.text(of:)` writes them: `alg=hex` lowercased,
    /// sorted by algorithm, joined by commas, string values only. Nil when the value is not an
    /// object. Gives up on non-ASCII text (Unicode lowercasing) and on algorithms that differ
    /// only in case (which of them `FileHashes` keeps is not fixed).
    private mutating func hashes(depth: Int) throws(GiveUp) -> FieldText? {
        guard peek == UInt8(ascii: "{") else {
            try skipValue(depth: depth)
            return nil
        }
        offset += 1
        // Nearly every entry has one hash: it is kept apart, so such an entry allocates nothing.
        var single: (algorithm: FieldText, digest: FieldText)?
        var pairs: [(algorithm: FieldText, digest: FieldText)] = []
        try members(closing: UInt8(ascii: "}")) { (scanner: inout JSONPageScanner, key: FieldText) throws(GiveUp) in
            var digest: FieldText?
            if scanner.peek == UInt8(ascii: "\"") {
                digest = try scanner.string()
            } else {
                try scanner.skipValue(depth: depth + 1)
            }
            // A repeated algorithm: the last one counts, as in `JSONValue`, and when that one is
            // not a string there is no hash of that algorithm.
            if pairs.isEmpty {
                if let first = single, !scanner.bytes(first.algorithm).elementsEqual(scanner.bytes(key)) {
                    if let digest { pairs = [first, (key, digest)] }
                } else {
                    single = digest.map { (key, $0) }
                }
                return
            }
            pairs.removeAll { scanner.bytes($0.algorithm).elementsEqual(scanner.bytes(key)) }
            if let digest { pairs.append((key, digest)) }
        }
        guard pairs.isEmpty else { return try hashesText(pairs) }
        let start = scratch.count
        if let single {
            try checkASCII(single)
            appendLowered(single.algorithm)
            scratch.append(UInt8(ascii: "="))
            appendLowered(single.digest)
        }
        return .scratch(start..<scratch.count)
    }

    /// Lowercasing beyond ASCII is `String`'s (Unicode) business: leave such hashes to it.
    private func checkASCII(_ pair: (algorithm: FieldText, digest: FieldText)) throws(GiveUp) {
        guard bytes(pair.algorithm).allSatisfy({ $0 < 0x80 }), bytes(pair.digest).allSatisfy({ $0 < 0x80 }) else { throw GiveUp() }
    }

    /// `alg=hex,…` of several `pairs` into the scratch buffer, sorted by algorithm.
    private mutating func hashesText(_ pairs: [(algorithm: FieldText, digest: FieldText)]) throws(GiveUp) -> FieldText {
        for pair in pairs { try checkASCII(pair) }
        var ordered = pairs
        if pairs.count > 1 {
            func algorithm(_ pair: (algorithm: FieldText, digest: FieldText)) -> [UInt8] { bytes(pair.algorithm).map(Self.lowered) }
            ordered.sort { algorithm($0).lexicographicallyPrecedes(algorithm($1)) }
            for index in ordered.indices.dropFirst() where algorithm(ordered[index]) == algorithm(ordered[index - 1]) { throw GiveUp() }
        }
        let start = scratch.count
        for (index, pair) in ordered.enumerated() {
            if index > 0 { scratch.append(UInt8(ascii: ",")) }
            appendLowered(pair.algorithm)
            scratch.append(UInt8(ascii: "="))
            appendLowered(pair.digest)
        }
        return .scratch(start..<scratch.count)
    }

    private static func lowered(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    /// Appends `text` ASCII-lowercased to the scratch buffer (read by index: it may be in there).
    private mutating func appendLowered(_ text: FieldText) {
        switch text {
        case .body(let range):
            for position in range { scratch.append(Self.lowered(body[position])) }
        case .scratch(let range):
            for position in range { scratch.append(Self.lowered(scratch[position])) }
        }
    }

    /// The URL as `ParsedPageEncoder.storedURL` gives it. Most index pages link to absolute URLs
    /// already in that form (lowercase scheme and host, no userinfo, a path): those are the
    /// body's bytes up to the fragment. Others are resolved against the page URL.
    private mutating func storedURL(_ reference: FieldText) throws(GiveUp) -> (text: FieldText, takesPageCredentials: Bool) {
        if let end = Self.storedFormEnd(bytes(reference)) {
            switch reference {
            case .body(let range): return (.body(range.lowerBound..<range.lowerBound + end), false)
            case .scratch(let range): return (.scratch(range.lowerBound..<range.lowerBound + end), false)
            }
        }
        guard let url = pageURL.resolving(String(decoding: bytes(reference), as: UTF8.self)) else { throw GiveUp() }
        let stored = ParsedPageEncoder.storedURL(url.withoutFragment, pageCredentials: pageURL.credentials)
        let start = scratch.count
        scratch.append(contentsOf: stored.text.utf8)
        return (.scratch(start..<scratch.count), stored.takesPageCredentials)
    }

    /// Where the stored form of `url` ends (its fragment starts) when `url` is absolute and
    /// `ParsedURL` would give back the same bytes: `scheme://host[:port]/path[?query]` with a
    /// lowercase scheme, a lowercase ASCII host, no userinfo, a port as `Int` prints it, and no
    /// surrounding whitespace. Nil when it must be resolved the long way.
    static func storedFormEnd(_ url: UnsafeRawBufferPointer) -> Int? {
        var index = 0
        while index < url.count, url[index] >= UInt8(ascii: "a"), url[index] <= UInt8(ascii: "z") { index += 1 }
        guard index > 0, index + 3 <= url.count, url[index] == UInt8(ascii: ":"), url[index + 1] == UInt8(ascii: "/"),
            url[index + 2] == UInt8(ascii: "/"), let last = url.last, !last.isASCIIWhitespace
        else { return nil }
        index += 3
        let hostStart = index
        var portStart: Int?
        while index < url.count, url[index] != UInt8(ascii: "/") {
            let byte = url[index]
            switch byte {
            case UInt8(ascii: ":"):
                guard portStart == nil else { return nil }
                portStart = index + 1
            case UInt8(ascii: "@"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "["), UInt8(ascii: "]"),
                UInt8(ascii: "A")...UInt8(ascii: "Z"), 0x80...0xFF:
                return nil
            default:
                if portStart != nil, !byte.isASCIIDigit { return nil }
            }
            index += 1
        }
        guard index < url.count, index > hostStart else { return nil }
        if let portStart {
            // `Int` prints it back without leading zeros; an empty port is dropped.
            let digits = index - portStart
            guard digits > 0, digits <= 5, digits == 1 || url[portStart] != UInt8(ascii: "0") else { return nil }
            var port = 0
            for position in portStart..<index { port = port * 10 + Int(url[position] - UInt8(ascii: "0")) }
            guard port <= 65535, portStart - 1 > hostStart else { return nil }
        }
        while index < url.count, url[index] != UInt8(ascii: "#") { index += 1 }
        return index
    }
}
