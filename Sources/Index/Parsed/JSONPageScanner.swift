#if canImport(Glibc)
import Glibc
#endif
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
    private let body: UnsafeRawBufferPointer
    private let pageURL: ParsedURL
    private var offset = 0
    /// Texts of the file being read that are not bytes of the body; emptied per file.
    private var scratch: [UInt8] = []

    /// Thrown to give the page back to `SimplePageParser`.
    private struct GiveUp: Error {}

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
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            offset += 1
            return
        }
        while true {
            skipWhitespace()
            try file(into: &encoder)
            skipWhitespace()
            guard offset < body.count else { throw GiveUp() }
            let byte = body[offset]
            offset += 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == UInt8(ascii: "]") { return }
            throw GiveUp()
        }
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

    // MARK: JSON, as `JSONParser` reads it

    private enum Keys {
        static let files = Array("files".utf8)
        static let meta = Array("meta".utf8)
        static let apiVersion = Array("api-version".utf8)
        static let filename = Array("filename".utf8)
        static let url = Array("url".utf8)
        static let hashes = Array("hashes".utf8)
        static let requiresPython = Array("requires-python".utf8)
        static let yanked = Array("yanked".utf8)
        static let coreMetadata = Array("core-metadata".utf8)
        static let distInfoMetadata = Array("dist-info-metadata".utf8)
        static let dataDistInfoMetadata = Array("data-dist-info-metadata".utf8)
        static let uploadTime = Array("upload-time".utf8)
        static let size = Array("size".utf8)
        static let `true` = Array("true".utf8)
        static let `false` = Array("false".utf8)
        static let null = Array("null".utf8)
    }

    private var peek: UInt8? { offset < body.count ? body[offset] : nil }

    /// The bytes of `text`; valid until the scratch buffer next changes (an array's storage
    /// stays put while it is not mutated).
    private func bytes(_ text: FieldText) -> UnsafeRawBufferPointer {
        scratch.withUnsafeBytes { text.bytes(body: body, scratch: $0) }
    }

    private func text(_ text: FieldText, is literal: [UInt8]) -> Bool {
        bytes(text).elementsEqual(literal)
    }

    private mutating func skipWhitespace() {
        while offset < body.count {
            let byte = body[offset]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return }
            offset += 1
        }
    }

    private mutating func expect(_ byte: UInt8) throws(GiveUp) {
        guard peek == byte else { throw GiveUp() }
        offset += 1
    }

    private mutating func word(_ word: [UInt8]) throws(GiveUp) {
        guard offset + word.count <= body.count, UnsafeRawBufferPointer(rebasing: body[offset..<offset + word.count]).elementsEqual(word) else {
            throw GiveUp()
        }
        offset += word.count
    }

    /// The members of an object whose `{` was read, up to its `closing` byte: `member` reads
    /// each value, the scanner standing at its first byte.
    private mutating func members(closing: UInt8, _ member: (inout JSONPageScanner, FieldText) throws(GiveUp) -> Void) throws(GiveUp) {
        skipWhitespace()
        if peek == closing {
            offset += 1
            return
        }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else { throw GiveUp() }
            let key = try string()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            guard offset < body.count else { throw GiveUp() }
            try member(&self, key)
            skipWhitespace()
            guard offset < body.count else { throw GiveUp() }
            let byte = body[offset]
            offset += 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == closing { return }
            throw GiveUp()
        }
    }

    /// Skips one value, checking it as `JSONParser` would (nesting below 64 levels).
    private mutating func skipValue(depth: Int) throws(GiveUp) {
        guard depth < 64, let first = peek else { throw GiveUp() }
        switch first {
        case UInt8(ascii: "{"):
            offset += 1
            try members(closing: UInt8(ascii: "}")) { (scanner: inout JSONPageScanner, _: FieldText) throws(GiveUp) in
                try scanner.skipValue(depth: depth + 1)
            }
        case UInt8(ascii: "["):
            offset += 1
            skipWhitespace()
            if peek == UInt8(ascii: "]") {
                offset += 1
                return
            }
            while true {
                skipWhitespace()
                try skipValue(depth: depth + 1)
                skipWhitespace()
                guard let byte = peek else { throw GiveUp() }
                offset += 1
                if byte == UInt8(ascii: ",") { continue }
                if byte == UInt8(ascii: "]") { return }
                throw GiveUp()
            }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): try word(Keys.true)
        case UInt8(ascii: "f"): try word(Keys.false)
        case UInt8(ascii: "n"): try word(Keys.null)
        default: _ = try number()
        }
    }

    /// A run of `+-0123456789.eE` that `Double` reads, as `JSONParser.parseNumber` takes it.
    private mutating func number() throws(GiveUp) -> Double {
        let start = offset
        var digitsOnly = true
        while offset < body.count {
            let byte = body[offset]
            if byte.isASCIIDigit {
                offset += 1
            } else if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                digitsOnly = false
                offset += 1
            } else {
                break
            }
        }
        let run = UnsafeRawBufferPointer(rebasing: body[start..<offset])
        // Up to 15 digits a Double holds exactly: no need to build a String for the usual size.
        if digitsOnly, !run.isEmpty, run.count <= 15 {
            return Double(run.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) })
        }
        guard let value = Double(String(decoding: run, as: UTF8.self)) else { throw GiveUp() }
        return value
    }

    /// A string whose `"` is at `offset`: the body's bytes when they need no decoding, else the
    /// decoded text in the scratch buffer. Decoded as `JSONParser.parseString` does, then made
    /// valid UTF-8 as `String(decoding:as:)` does.
    private mutating func string() throws(GiveUp) -> FieldText {
        offset += 1
        let start = offset
        // Most strings of a page are long plain ASCII (URLs, hashes): find the closing quote
        // and any backslash with memchr rather than byte by byte.
        guard let base = body.baseAddress, start < body.count,
            let quote = memchr(base + start, Int32(UInt8(ascii: "\"")), body.count - start)
        else { throw GiveUp() }
        let end = base.distance(to: UnsafeRawPointer(quote))
        if let backslash = memchr(base + start, Int32(UInt8(ascii: "\\")), end - start) {
            // The quote found may be an escaped one: decode from the first escape on.
            offset = base.distance(to: UnsafeRawPointer(backslash))
            return try escapedString(from: start)
        }
        offset = end + 1
        let text = FieldText.body(start..<end)
        return Self.isASCII(UnsafeRawBufferPointer(rebasing: body[start..<end])) ? text : try repaired(text)
    }

    /// No byte with the high bit set; eight at a time.
    private static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index + 8 <= bytes.count {
            guard bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 else { return false }
            index += 8
        }
        while index < bytes.count {
            guard bytes[index] < 0x80 else { return false }
            index += 1
        }
        return true
    }

    private mutating func escapedString(from start: Int) throws(GiveUp) -> FieldText {
        let decodedStart = scratch.count
        scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: body[start..<offset]))
        while offset < body.count {
            let byte = body[offset]
            offset += 1
            if byte == UInt8(ascii: "\"") { return try repaired(.scratch(decodedStart..<scratch.count)) }
            guard byte == UInt8(ascii: "\\") else {
                scratch.append(byte)
                continue
            }
            guard offset < body.count else { break }
            let escape = body[offset]
            offset += 1
            switch escape {
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), offset + 1 < body.count,
                    body[offset] == UInt8(ascii: "\\"), body[offset + 1] == UInt8(ascii: "u") {
                    offset += 2
                    scalar = JSONEscapes.combining(high: scalar, low: try hex4())
                }
                UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") { scratch.append($0) }
            default: scratch.append(escape)
            }
        }
        throw GiveUp()
    }

    /// Four hex digits of a `\u` escape. Gives up on anything else, which `JSONParser` may read
    /// differently (`UInt32(_:radix:)` takes a sign).
    private mutating func hex4() throws(GiveUp) -> UInt32 {
        guard offset + 4 <= body.count else { throw GiveUp() }
        var value: UInt32 = 0
        for position in offset..<offset + 4 {
            let byte = body[position]
            let digit: UInt8 = switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: throw GiveUp()
            }
            value = value << 4 | UInt32(digit)
        }
        offset += 4
        return value
    }

    /// `text` as valid UTF-8: ill-formed sequences replaced by U+FFFD, as a `String` would hold it.
    private mutating func repaired(_ text: FieldText) throws(GiveUp) -> FieldText {
        let original = bytes(text)
        guard original.contains(where: { $0 >= 0x80 }) else { return text }
        let valid = Array(String(decoding: original, as: UTF8.self).utf8)
        if valid.elementsEqual(original) { return text }
        let start = scratch.count
        scratch.append(contentsOf: valid)
        return .scratch(start..<scratch.count)
    }
}
