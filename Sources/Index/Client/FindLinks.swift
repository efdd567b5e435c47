import PackagingModel
import SystemSupport

/// `--find-links`: a local directory of distribution files, or a page of links. Its files are
/// matched to a project by file name.
struct FindLinks: Sendable {
    let pages: PageFetcher

    static let distributionSuffixes = [".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz", ".tar.xz"]

    func files(for name: PackageName, in location: FindLinksLocation) async throws(IndexError) -> [IndexFile] {
        let url = location.url
        if url.isFile, FileSystem.isDirectory(url.filePath) {
            let directory = url.filePath
            let names: [String]
            do {
                names = try FileSystem.listDirectory(directory)
            } catch {
                throw .http(.localFile(path: directory, reason: error.description))
            }
            return names.filter { Self.belongs($0, to: name) }.compactMap { filename in
                url.asDirectory.resolving(PercentEncoding.encodePathSegment(filename)).map {
                    IndexFile(filename: filename, url: $0, hashes: FileHashes())
                }
            }
        }
        switch try await pages.fetch(url, package: nil) {
        case .missing:
            return []
        case .found(let page):
            let (body, contentType, _) = try await pages.body(of: page)
            let files: [IndexFile]
            do {
                files = try SimplePageParser.parse(body: body, contentType: contentType, pageURL: page.url)
            } catch {
                throw .page(error)
            }
            return files.filter { Self.belongs($0.filename, to: name) }
        }
    }

    /// True when `filename` is a distribution of `name`: its normalised stem starts with the
    /// normalised name followed by `-` and a version digit (`foo-bar-1.0.tar.gz` is `foo-bar`'s,
    /// not `foo`'s).
    static func belongs(_ filename: String, to name: PackageName) -> Bool {
        guard distributionSuffixes.contains(where: { filename.lowercased().hasSuffix($0) }) else { return false }
        var normalized = ""
        var previousWasSeparator = false
        for character in filename.lowercased() {
            if character == "-" || character == "_" || character == "." {
                if !previousWasSeparator { normalized.append("-") }
                previousWasSeparator = true
            } else {
                normalized.append(character)
                previousWasSeparator = false
            }
        }
        let prefix = name.normalized + "-"
        guard normalized.hasPrefix(prefix) else { return false }
        return normalized.dropFirst(prefix.count).first?.isNumber == true
    }
}
