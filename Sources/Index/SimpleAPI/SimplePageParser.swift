/// Turns a simple-API response into files: PEP 691 JSON when the server sent JSON, PEP 503 HTML
/// otherwise. Links resolve against the URL the page came from (after redirects) or `<base href>`.
public enum SimplePageParser {
    public static let acceptHeader =
        "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01"

    public static func parse(body: [UInt8], contentType: String?, pageURL: ParsedURL) throws(SimplePageError) -> [IndexFile] {
        if isJSON(contentType: contentType) { return try SimpleJSONPage.files(body: body, pageURL: pageURL) }
        return try SimpleHTMLPage.files(html: body, pageURL: pageURL)
    }

    /// Whether a response of this content type is read as PEP 691 JSON (else as PEP 503 HTML).
    static func isJSON(contentType: String?) -> Bool {
        (contentType ?? "").lowercased().contains("json")
    }
}

public enum SimplePageError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(url: RedactedURL, reason: String)
    case unsupportedVersion(url: RedactedURL, version: String)

    public var description: String {
        switch self {
        case .malformed(let url, let reason):
            return "the index page \(url) is not a valid simple-API page: \(reason)"
        case .unsupportedVersion(let url, let version):
            return "the index page \(url) uses simple-API version \(version), which kiln does not understand; upgrade kiln"
        }
    }
}

/// PEP 503 (HTML), with PEP 592 `data-yanked`, PEP 658/714 `data-core-metadata` /
/// `data-dist-info-metadata`, `data-requires-python`, and the `data-upload-time` some indexes add.
enum SimpleHTMLPage {
    static func files(html: [UInt8], pageURL: ParsedURL) throws(SimplePageError) -> [IndexFile] {
        let tags = HTMLAnchorScanner.tags(in: html, named: ["a", "base", "meta"])
        var base = pageURL
        for tag in tags {
            if tag.name == "base", let href = tag.attributes["href"], let resolved = pageURL.resolving(href) {
                base = resolved
            }
            if tag.name == "meta", tag.attributes["name"] == "pypi:repository-version", let version = tag.attributes["content"] {
                try checkVersion(version, url: pageURL)
            }
        }
        var files: [IndexFile] = []
        for tag in tags where tag.name == "a" {
            guard let href = tag.attributes["href"], let url = base.resolving(href) else { continue }
            let filename = tag.text.isEmpty ? lastPathComponent(url) : tag.text
            guard !filename.isEmpty else { continue }
            files.append(IndexFile(
                filename: filename,
                url: url.withoutFragment,
                hashes: fragmentHashes(url.fragment),
                requiresPython: tag.attributes["data-requires-python"].flatMap { $0.isEmpty ? nil : $0 },
                yanked: tag.attributes["data-yanked"].map { .yanked(reason: $0.isEmpty ? nil : $0) } ?? .notYanked,
                coreMetadata: metadata(tag.attributes["data-core-metadata"] ?? tag.attributes["data-dist-info-metadata"]),
                uploadTime: tag.attributes["data-upload-time"].flatMap { Timestamp(rfc3339: $0) }))
        }
        return files
    }

    static func checkVersion(_ version: String, url: ParsedURL) throws(SimplePageError) {
        guard let major = version.split(separator: ".").first.flatMap({ Int($0) }) else { return }
        if major > 1 { throw .unsupportedVersion(url: url.redacted, version: version) }
    }

    /// `#sha256=abc…`; other fragments carry no hash.
    static func fragmentHashes(_ fragment: String?) -> FileHashes {
        guard let fragment, let equals = fragment.utf8.firstIndex(of: UInt8(ascii: "=")) else { return FileHashes() }
        let algorithm = String(fragment[..<equals])
        let digest = String(fragment[fragment.utf8.index(after: equals)...])
        guard !digest.isEmpty, digest.utf8.allSatisfy(\.isASCIIHexDigit) else { return FileHashes() }
        return FileHashes([algorithm: digest])
    }

    /// `"true"` or `"sha256=…"` means available; absent or `"false"` means not.
    private static func metadata(_ value: String?) -> CoreMetadataAvailability {
        guard let value, value.lowercased() != "false" else { return .unavailable }
        if value.lowercased() == "true" { return .available(FileHashes()) }
        return .available(fragmentHashes(value))
    }

    static func lastPathComponent(_ url: ParsedURL) -> String {
        PercentEncoding.decode(url.path.split(separator: "/").last ?? "")
    }
}

/// PEP 691 JSON, with PEP 700 `upload-time`/`size` and PEP 714's two spellings of metadata.
enum SimpleJSONPage {
    static func files(body: [UInt8], pageURL: ParsedURL) throws(SimplePageError) -> [IndexFile] {
        let document: JSONValue
        do {
            document = try JSONValue.parse(body)
        } catch {
            throw .malformed(url: pageURL.redacted, reason: "invalid JSON at byte \(error.offset): \(error.reason)")
        }
        if let version = document["meta"]?["api-version"]?.string {
            try SimpleHTMLPage.checkVersion(version, url: pageURL)
        }
        guard let entries = document["files"]?.array else {
            throw .malformed(url: pageURL.redacted, reason: "no \"files\" list")
        }
        var files: [IndexFile] = []
        for entry in entries {
            guard let filename = entry["filename"]?.string, let href = entry["url"]?.string,
                let url = pageURL.resolving(href)
            else { throw .malformed(url: pageURL.redacted, reason: "a file entry lacks \"filename\" or \"url\"") }
            files.append(IndexFile(
                filename: filename,
                url: url.withoutFragment,
                hashes: hashes(entry["hashes"]),
                requiresPython: entry["requires-python"]?.string.flatMap { $0.isEmpty ? nil : $0 },
                yanked: yanked(entry["yanked"]),
                coreMetadata: metadata(entry["core-metadata"] ?? entry["dist-info-metadata"] ?? entry["data-dist-info-metadata"]),
                uploadTime: entry["upload-time"]?.string.flatMap { Timestamp(rfc3339: $0) },
                size: entry["size"]?.number.flatMap(size)))
        }
        return files
    }

    /// A PEP 700 size as a whole number of bytes; nil for one no `Int64` holds (instead of trapping).
    static func size(_ number: Double) -> Int64? {
        number >= -9.2e18 && number <= 9.2e18 ? Int64(number) : nil
    }

    private static func hashes(_ value: JSONValue?) -> FileHashes {
        var digests: [String: String] = [:]
        for (algorithm, digest) in value?.object ?? [:] {
            if let text = digest.string { digests[algorithm] = text }
        }
        return FileHashes(digests)
    }

    private static func yanked(_ value: JSONValue?) -> Yanked {
        switch value {
        case .bool(true): return .yanked(reason: nil)
        case .string(let reason): return .yanked(reason: reason.isEmpty ? nil : reason)
        default: return .notYanked
        }
    }

    private static func metadata(_ value: JSONValue?) -> CoreMetadataAvailability {
        switch value {
        case .bool(true): return .available(FileHashes())
        case .object: return .available(hashes(value))
        default: return .unavailable
        }
    }
}
