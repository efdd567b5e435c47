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
    private var versions: [Substring: Version?] = [:]
    private var ranks: [Substring: Int??] = [:]
    private var names: [Substring: Bool] = [:]
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
        // name-version(-build)?-python-abi-platform.whl
        let parts = filename.dropLast(4).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 5 || parts.count == 6, isProject(parts[0]), let version = version(parts[1]) else {
            return nil
        }
        let triple = parts[parts.count - 3].base[parts[parts.count - 3].startIndex..<parts[parts.count - 1].endIndex]
        guard let rank = rank(of: triple) else { return nil }
        return Facts(version: version, kind: .wheel(tagPriority: rank))
    }

    mutating func specifier(_ text: String) -> SpecifierSet? {
        if let known = specifiers[text] { return known }
        let parsed = try? SpecifierSet(text)
        specifiers[text] = parsed
        return parsed
    }

    private mutating func isProject(_ text: Substring) -> Bool {
        if let known = names[text] { return known }
        let matches = (try? PackageName(String(text))) == project
        names[text] = matches
        return matches
    }

    private mutating func version(_ text: Substring) -> Version? {
        if let known = versions[text] { return known }
        let parsed = try? Version(String(text))
        versions[text] = parsed
        return parsed
    }

    /// The best rank of a `python-abi-platform` triple (nil inside: no tag fits); the outer nil
    /// means the triple does not parse.
    private mutating func rank(of triple: Substring) -> Int?? {
        if let known = ranks[triple] { return known }
        let parsed: Int?? = (try? WheelFilename("x-0-\(triple).whl")).map { tags.bestRank(of: $0.tags) }
        ranks[triple] = parsed
        return parsed
    }
}
