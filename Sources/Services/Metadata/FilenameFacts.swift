import PackagingModel
import Resolver

/// Version and kind of each file on a project page, with the parsing shared between files:
/// a page of thousands of files repeats a few tag triples and `requires-python` strings, and
/// parsing each once keeps big pages (botocore's) cheap on every run.
struct FilenameFacts {
    struct Facts {
        let version: Version
        let kind: DistributionFile.Kind
    }

    let project: PackageName
    let tags: TagPriority
    private var versions: [String: Version?] = [:]
    private var ranks: [String: Int??] = [:]
    private var names: [String: Bool] = [:]
    private var specifiers: [String: SpecifierSet?] = [:]

    init(project: PackageName, tags: TagPriority) {
        self.project = project
        self.tags = tags
    }

    mutating func facts(of filename: String) -> Facts? {
        guard filename.hasSuffix(".whl") else {
            guard let sdist = try? SdistFilename(filename, packageName: project), sdist.name == project else { return nil }
            return Facts(version: sdist.version, kind: .sourceDistribution)
        }
        // name-version(-build)?-python-abi-platform.whl, cut on the UTF-8 bytes (cheaper than
        // Character splitting on pages of thousands of files).
        let bytes = filename.utf8.dropLast(4)
        var dashes: [String.Index] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "-") { dashes.append(index) }
            index = bytes.index(after: index)
        }
        guard dashes.count == 4 || dashes.count == 5 else { return nil }
        let name = String(filename[..<dashes[0]])
        let versionText = String(filename[filename.index(after: dashes[0])..<dashes[1]])
        let triple = String(filename[filename.index(after: dashes[dashes.count - 3])..<bytes.endIndex])
        guard isProject(name), let version = version(versionText), let rank = rank(of: triple) else { return nil }
        return Facts(version: version, kind: .wheel(tagPriority: rank))
    }

    mutating func specifier(_ text: String) -> SpecifierSet? {
        if let known = specifiers[text] { return known }
        let parsed = try? SpecifierSet(text)
        specifiers[text] = parsed
        return parsed
    }

    private mutating func isProject(_ text: String) -> Bool {
        if let known = names[text] { return known }
        let matches = (try? PackageName(text)) == project
        names[text] = matches
        return matches
    }

    private mutating func version(_ text: String) -> Version? {
        if let known = versions[text] { return known }
        let parsed = try? Version(text)
        versions[text] = parsed
        return parsed
    }

    /// The best rank of a `python-abi-platform` triple (nil inside: no tag fits); the outer nil
    /// means the triple does not parse.
    private mutating func rank(of triple: String) -> Int?? {
        if let known = ranks[triple] { return known }
        let parsed: Int?? = (try? WheelFilename("x-0-\(triple).whl")).map { tags.bestRank(of: $0.tags) }
        ranks[triple] = parsed
        return parsed
    }
}
