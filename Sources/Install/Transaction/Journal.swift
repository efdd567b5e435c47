import SystemSupport

/// What one install or uninstall is about to do to an environment, written before it starts.
///
/// Staging only adds names that did not exist (hidden temporary files, links to free names, new
/// directories), so until the commit marker exists the transaction rolls back by deleting those. Once committed it rolls forward: every
/// step below is idempotent, and what it needs is in place (the temporaries) or in the cache
/// (the sources of files linked directly to names that did not exist).
struct Journal: Equatable, Sendable {
    struct StagedFile: Equatable, Sendable {
        let temporary: String
        let destination: String
    }

    struct LinkedFile: Equatable, Sendable {
        let source: String
        let destination: String
    }

    /// Directories staging created, parents first (removed again on rollback if still empty).
    var createdDirectories: [String] = []
    /// Renamed into place on commit.
    var staged: [StagedFile] = []
    /// Hard-linked from the cache before the commit, straight to names nothing occupied at
    /// planning time (unlinked again on rollback, linked again by a recovery that completes).
    var linkedEarly: [LinkedFile] = []
    /// Hard-linked from the cache on commit, straight to free names: the new `.dist-info` files.
    var linked: [LinkedFile] = []
    /// Files of replaced or uninstalled distributions, unlinked after the new files are in place.
    var removals: [String] = []
    /// Whole metadata directories of replaced distributions.
    var removedTrees: [String] = []
    /// Directories removed after commit if they are empty, deepest first.
    var pruneCandidates: [String] = []

    private static let header = "kiln-journal 2"
    /// Version 1 wrote each linked file as its own `L` record; still read, so that a journal a
    /// killed older kiln left behind is finished by a newer one.
    private static let headers: Set = ["kiln-journal 1", header]

    /// Records are lines; fields are NUL-separated (neither can occur in a path kiln accepts).
    /// `D` directory, `S` staged, `E`/`F` linked before the commit (group/single), `G`/`L` linked
    /// on commit (group/single), `R` removal, `T` removed tree, `P` prune candidate.
    /// Linked files that share a source and a destination directory (all the files of one
    /// directory of a wheel, the common case) are one `G` record: the two directories, then the
    /// names. That keeps a 10,000-file install's journal, written and flushed before anything
    /// else, a few hundred kilobytes rather than megabytes.
    func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        func record(_ fields: [String]) {
            for (index, field) in fields.enumerated() {
                if index > 0 { out.append(0) }
                out.append(contentsOf: field.utf8)
            }
            out.append(UInt8(ascii: "\n"))
        }
        out.append(contentsOf: Self.header.utf8)
        out.append(UInt8(ascii: "\n"))
        createdDirectories.forEach { record(["D", $0]) }
        staged.forEach { record(["S", $0.temporary, $0.destination]) }
        for (files, groupTag, singleTag) in [(linkedEarly, "E", "F"), (linked, "G", "L")] {
            let (groups, single) = LinkGroup.grouping(files)
            groups.forEach { record([groupTag, $0.sourceDirectory, $0.destinationDirectory] + $0.names) }
            single.forEach { record([singleTag, $0.source, $0.destination]) }
        }
        removals.forEach { record(["R", $0]) }
        removedTrees.forEach { record(["T", $0]) }
        pruneCandidates.forEach { record(["P", $0]) }
        return out
    }

    static func isJournalSafe(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in !bytes.contains { $0 == 0 || $0 == UInt8(ascii: "\n") } }
    }

    init() {}

    init(decoding bytes: [UInt8]) throws(JournalDecodingError) {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        guard let first = lines.first, Self.headers.contains(String(decoding: first, as: UTF8.self)) else {
            throw JournalDecodingError(reason: "unknown header")
        }
        for line in lines.dropFirst() {
            let fields = line.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            switch (fields.first, fields.count) {
            case ("D", 2): createdDirectories.append(fields[1])
            case ("S", 3): staged.append(StagedFile(temporary: fields[1], destination: fields[2]))
            case ("L", 3): linked.append(LinkedFile(source: fields[1], destination: fields[2]))
            case ("G", 4...): linked += Self.group(fields)
            case ("E", 4...): linkedEarly += Self.group(fields)
            case ("F", 3): linkedEarly.append(LinkedFile(source: fields[1], destination: fields[2]))
            case ("R", 2): removals.append(fields[1])
            case ("T", 2): removedTrees.append(fields[1])
            case ("P", 2): pruneCandidates.append(fields[1])
            default: throw JournalDecodingError(reason: "unreadable record '\(fields.joined(separator: " "))'")
            }
        }
    }
}

/// Linked files of one source directory and one destination directory with the same names.
private struct LinkGroup {
    let sourceDirectory: String
    let destinationDirectory: String
    var names: [String]

    /// Consecutive files of one directory pair form a group; a file whose two names differ (none
    /// today) cannot be grouped and is returned apart, to be written as an `L` record.
    static func grouping(_ files: [Journal.LinkedFile]) -> (groups: [LinkGroup], single: [Journal.LinkedFile]) {
        var groups: [LinkGroup] = []
        var single: [Journal.LinkedFile] = []
        for file in files {
            let (sourceDirectory, sourceName) = split(file.source)
            let (destinationDirectory, destinationName) = split(file.destination)
            guard sourceName == destinationName else {
                single.append(file)
                continue
            }
            if let last = groups.last, last.sourceDirectory == sourceDirectory, last.destinationDirectory == destinationDirectory {
                groups[groups.count - 1].names.append(sourceName)
            } else {
                groups.append(LinkGroup(sourceDirectory: sourceDirectory, destinationDirectory: destinationDirectory, names: [sourceName]))
            }
        }
        return (groups, single)
    }

    private static func split(_ path: String) -> (String, String) {
        (FileSystem.parent(of: path), FileSystem.basename(of: path))
    }
}

extension Journal {
    /// `tag, source directory, destination directory, name...` → one linked file per name.
    fileprivate static func group(_ fields: [String]) -> [LinkedFile] {
        fields[3...].map { LinkedFile(source: FileSystem.join(fields[1], $0), destination: FileSystem.join(fields[2], $0)) }
    }
}

struct JournalDecodingError: Error, Equatable, Sendable {
    let reason: String
}
