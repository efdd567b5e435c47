import Index
import PackagingModel
import Resolver

/// A `name @ URL` requirement: a wheel or sdist archive at an http(s) or file URL, or a local
/// path. Source trees need the build frontend.
enum DirectReference {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func files(name: PackageName, url text: String, tags: TagPriority) throws(Failure) -> ProjectFiles {
        let url: ParsedURL
        if let parsed = ParsedURL(text), ["http", "https", "file"].contains(parsed.scheme) {
            url = parsed
        } else if text.hasPrefix("/"), let local = ParsedURL("file://" + text) {
            url = local
        } else {
            throw Failure(description: "\(text) is not an http(s):// or file:// URL of a wheel or sdist")
        }
        let filename = url.path.split(separator: "/").last.map(String.init) ?? ""
        var hashes: [String: String] = [:]
        if let fragment = url.fragment, fragment.hasPrefix("sha256=") { hashes["sha256"] = String(fragment.dropFirst(7)) }
        let file = IndexFile(filename: filename, url: url.withoutFragment, hashes: FileHashes(hashes))
        guard file.filename.hasSuffix(".whl") || SdistFormat.allCases.contains(where: { file.filename.hasSuffix($0.fileExtension) }) else {
            throw Failure(description: "\(text) is not a wheel or sdist archive; source trees need the build frontend, which kiln does not have yet")
        }
        let page = ProjectPage(name: name, files: [file], source: url.redacted)
        let files = ProjectFiles(page: page, tags: tags)
        guard !files.candidates.isEmpty else {
            throw Failure(description: "\(file.filename) at \(url.redacted) is not a distribution of \(name)")
        }
        return files
    }
}
