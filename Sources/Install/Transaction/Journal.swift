/// What one install or uninstall is about to do to an environment, written before it starts.
///
/// Staging only adds hidden temporary files and new directories, so until the commit marker
/// exists the transaction rolls back by deleting those. Once committed it rolls forward: every
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
    /// Hard-linked from the cache on commit, straight to names nothing occupied at planning time.
    var linked: [LinkedFile] = []
    /// Files of replaced or uninstalled distributions, unlinked after the new files are in place.
    var removals: [String] = []
    /// Whole metadata directories of replaced distributions.
    var removedTrees: [String] = []
    /// Directories removed after commit if they are empty, deepest first.
    var pruneCandidates: [String] = []

    private static let header = "kiln-journal 1"

    /// Records are lines; fields are NUL-separated (neither can occur in a path kiln accepts).
    func encoded() -> [UInt8] {
        var lines = [Self.header]
        lines += createdDirectories.map { "D\0" + $0 }
        lines += staged.map { "S\0" + $0.temporary + "\0" + $0.destination }
        lines += linked.map { "L\0" + $0.source + "\0" + $0.destination }
        lines += removals.map { "R\0" + $0 }
        lines += removedTrees.map { "T\0" + $0 }
        lines += pruneCandidates.map { "P\0" + $0 }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    static func isJournalSafe(_ path: String) -> Bool {
        !path.utf8.contains(0) && !path.utf8.contains(UInt8(ascii: "\n"))
    }

    init() {}

    init(decoding bytes: [UInt8]) throws(JournalDecodingError) {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        guard let first = lines.first, String(decoding: first, as: UTF8.self) == Self.header else {
            throw JournalDecodingError(reason: "unknown header")
        }
        for line in lines.dropFirst() {
            let fields = line.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            switch (fields.first, fields.count) {
            case ("D", 2): createdDirectories.append(fields[1])
            case ("S", 3): staged.append(StagedFile(temporary: fields[1], destination: fields[2]))
            case ("L", 3): linked.append(LinkedFile(source: fields[1], destination: fields[2]))
            case ("R", 2): removals.append(fields[1])
            case ("T", 2): removedTrees.append(fields[1])
            case ("P", 2): pruneCandidates.append(fields[1])
            default: throw JournalDecodingError(reason: "unreadable record '\(fields.joined(separator: " "))'")
            }
        }
    }
}

struct JournalDecodingError: Error, Equatable, Sendable {
    let reason: String
}
