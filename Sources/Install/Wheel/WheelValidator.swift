import PackagingModel
import SystemSupport

/// Checks a wheel against PEP 427 in two passes — names and layout before a byte is decompressed,
/// then contents against RECORD — gathering every problem before refusing.
enum WheelValidator {
    struct Layout {
        let distInfo: String
        let dataDirectory: String
        let members: [String: ZipMember]
    }

    /// Pass 1: member names, symlinks, duplicates, the one `.dist-info`, `.data` schemes.
    static func checkLayout(_ list: [ZipMember], filename: WheelFilename) -> (Layout?, [WheelProblem]) {
        var problems: [WheelProblem] = []
        var members: [String: ZipMember] = [:]
        for member in list {
            let memberProblems = WheelMemberRules.problems(of: member)
            problems += memberProblems
            guard memberProblems.isEmpty else { continue }
            if members[member.name] != nil { problems.append(.duplicateMember(member.name)) }
            members[member.name] = member
        }
        guard problems.isEmpty else { return (nil, problems) }

        let topLevel = Set(members.keys.compactMap { $0.split(separator: "/").first.map(String.init) })
        let distInfos = topLevel.filter { $0.hasSuffix(".dist-info") }.sorted()
        guard distInfos.count == 1, let distInfo = distInfos.first else {
            return (nil, [.distInfoCount(found: distInfos)])
        }
        if !matches(directory: distInfo, suffix: ".dist-info", filename: filename) {
            problems.append(.distInfoMismatch(directory: distInfo, filename: filename.description))
        }
        // Spellings may differ from the dist-info's (`Foo_Bar` vs `foo_bar`); more than one is ambiguous.
        let dataDirectories = topLevel.filter { $0.hasSuffix(".data") && matches(directory: $0, suffix: ".data", filename: filename) }.sorted()
        for extra in dataDirectories.dropFirst() { problems.append(.dataDirectoryMismatch(directory: extra)) }
        let dataDirectory = dataDirectories.first ?? String(distInfo.dropLast(".dist-info".count)) + ".data"
        for (name, member) in members where !member.isDirectory && name.hasPrefix(dataDirectory + "/") {
            if WheelMemberRules.placement(of: name, dataDirectory: dataDirectory) == nil {
                let scheme = name.split(separator: "/").dropFirst().first.map(String.init) ?? ""
                problems.append(.unknownScheme(member: name, scheme: scheme))
            }
        }
        for required in ["RECORD", "WHEEL", "METADATA"] where members[distInfo + "/" + required] == nil {
            problems.append(.missingRequiredFile(distInfo + "/" + required))
        }
        return (Layout(distInfo: distInfo, dataDirectory: dataDirectory, members: members), problems)
    }

    /// Pass 2, on the extracted tree: RECORD covers every file with the right hash and size, WHEEL
    /// is a version kiln reads, METADATA names the same project and version as the filename.
    static func checkContents(
        tree: String, layout: Layout, extracted: [String: ExtractedMember], filename: WheelFilename
    ) -> [WheelProblem] {
        var problems: [WheelProblem] = []
        let recordName = layout.distInfo + "/RECORD"
        let record: RecordFile
        do {
            record = try RecordFile(parsing: try FileSystem.readText(FileSystem.join(tree, recordName)), file: recordName)
        } catch {
            return [.malformed(file: recordName, reason: String(describing: error))]
        }
        var recorded: Set<String> = []
        for row in record.rows {
            recorded.insert(row.path)
            if row.path == recordName { continue }
            guard let member = extracted[row.path] else {
                if layout.members[row.path]?.isDirectory != true { problems.append(.recordedButAbsent(path: row.path)) }
                continue
            }
            problems += check(row: row, against: member)
        }
        let unsignedExtras: Set<String> = [recordName, recordName + ".jws", recordName + ".p7s"]
        for name in extracted.keys.sorted() where !recorded.contains(name) && !unsignedExtras.contains(name) {
            problems.append(.notInRecord(member: name))
        }
        problems += checkInfoFiles(tree: tree, distInfo: layout.distInfo, filename: filename)
        return problems
    }

    private static func check(row: RecordFile.Row, against member: ExtractedMember) -> [WheelProblem] {
        var problems: [WheelProblem] = []
        if row.hash.isEmpty {
            problems.append(.missingHash(member: row.path))
        } else if !row.hash.hasPrefix("sha256=") {
            let algorithm = String(row.hash.prefix { $0 != "=" })
            problems.append(.unsupportedHash(member: row.path, algorithm: algorithm))
        } else {
            let actual = RecordFile.sha256Field(digest: member.digest)
            if actual != row.hash { problems.append(.hashMismatch(member: row.path, recorded: row.hash, actual: actual)) }
        }
        if let size = row.size, size != member.size {
            problems.append(.sizeMismatch(member: row.path, recorded: size, actual: member.size))
        }
        return problems
    }

    private static func checkInfoFiles(tree: String, distInfo: String, filename: WheelFilename) -> [WheelProblem] {
        var problems: [WheelProblem] = []
        let wheelText = (try? FileSystem.readText(FileSystem.join(tree, distInfo + "/WHEEL"))) ?? ""
        let wheelVersion = MetadataHeaders(text: wheelText).value(of: "Wheel-Version") ?? ""
        if wheelVersion.split(separator: ".").first != "1" {
            problems.append(.unsupportedWheelVersion(wheelVersion.isEmpty ? "(missing)" : wheelVersion))
        }
        let metadataText = (try? FileSystem.readText(FileSystem.join(tree, distInfo + "/METADATA"))) ?? ""
        let metadata = MetadataHeaders(text: metadataText)
        let name = metadata.value(of: "Name") ?? ""
        if (try? PackageName(name)) != filename.name {
            problems.append(.metadataMismatch(field: "Name", metadata: name, filename: filename.name.original))
        }
        let version = metadata.value(of: "Version") ?? ""
        if (try? Version(version)) != filename.version {
            problems.append(.metadataMismatch(field: "Version", metadata: version, filename: filename.version.description))
        }
        return problems
    }

    /// `{name}-{version}{suffix}` whose name and version equal the filename's under PEP 503/440.
    private static func matches(directory: String, suffix: String, filename: WheelFilename) -> Bool {
        let stem = directory.dropLast(suffix.count)
        guard let dash = stem.firstIndex(of: "-") else { return false }
        let name = try? PackageName(String(stem[..<dash]))
        let version = try? Version(String(stem[stem.index(after: dash)...]))
        return name == filename.name && version == filename.version
    }
}
