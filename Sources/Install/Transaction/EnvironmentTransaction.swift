#if canImport(Glibc)
import Glibc
#endif
import SystemSupport

/// Runs one journaled change to an environment:
///
/// 1. write the journal;
/// 2. make the new directories, and in them hard-link every file from the cache whose name is
///    free (nothing is replaced, and rolling back unlinks it), and stage every file that replaces
///    another (or is generated) under a hidden temporary name in its final directory;
/// 3. mark the journal committed;
/// 4. rename the staged files into place, link the new `.dist-info` files, then remove what the
///    old versions had and the new ones lack.
///
/// A `.dist-info` directory gets its files only after the commit mark, so an install that may
/// still roll back never shows up as installed. `recover()` finishes or undoes a killed run.
struct EnvironmentTransaction {
    let stateDirectory: String

    var journalPath: String { FileSystem.join(stateDirectory, "journal") }
    var commitMarkerPath: String { FileSystem.join(stateDirectory, "journal.committed") }

    enum Recovery: Equatable, Sendable { case nothingPending, rolledBack, completed }

    struct Changes: Sendable {
        var files: [PlannedFile] = []
        var removals: [String] = []
        var removedTrees: [String] = []
        var pruneCandidates: [String] = []
    }

    func run(_ changes: Changes, linkMode requested: LinkMode) throws(InstallError) {
        var journal = Journal()
        var survey = DestinationSurvey(destinations: changes.files.map(\.destination))
        journal.createdDirectories = survey.missingDirectories
        let linkMode = requested == .hardlink && !hardLinksReach(from: changes.files) ? .copy : requested
        let transaction = "\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
        var stagedFiles: [PlannedFile] = []
        for file in changes.files {
            if linkMode == .hardlink, case .cacheFile(let source) = file.source, !survey.isOccupied(file.destination) {
                let link = Journal.LinkedFile(source: source, destination: file.destination)
                if file.isMetadata { journal.linked.append(link) } else { journal.linkedEarly.append(link) }
            } else {
                stagedFiles.append(file)
            }
        }
        journal.staged = stagedFiles.enumerated().map { index, file in
            Journal.StagedFile(
                temporary: FileSystem.join(FileSystem.parent(of: file.destination), ".kiln-\(transaction)-\(index)"),
                destination: file.destination)
        }
        journal.removals = changes.removals
        journal.removedTrees = changes.removedTrees
        journal.pruneCandidates = changes.pruneCandidates
        try write(journal)

        do throws(SystemCallError) {
            let placer = FilePlacer(mode: linkMode)
            let placements = zip(stagedFiles, journal.staged).map { Placement(source: $0.source, path: $1.temporary) }
                + journal.linkedEarly.map { Placement(source: .cacheFile($0.source), path: $0.destination) }
            try DirectoryWork.createTree(
                journal.createdDirectories, filling: placements, directoryOf: { FileSystem.parent(of: $0.path) }
            ) { placement throws(SystemCallError) in
                try placer.place(placement.source, at: placement.path)
            }
            // One fsync per directory makes the staged names durable before the point of no return.
            let stagedDirectories = Array(Set(journal.staged.map { FileSystem.parent(of: $0.temporary) }))
            ParallelLoop.run(count: stagedDirectories.count) { index in Self.syncDirectory(stagedDirectories[index]) }
            try FileSystem.writeAtomically([], to: commitMarkerPath)
            Self.syncDirectory(stateDirectory)
        } catch {
            rollBack(journal)
            finish()
            throw .io(error)
        }
        try commit(journal, linkMode: linkMode, recovering: false)
        finish()
    }

    /// A file put at a path before the commit: a staged temporary, or a link to a free name.
    private struct Placement: Sendable {
        let source: StagedSource
        let path: String
    }

    /// Whether the cache's files can be hard-linked into the environment, tried once with one
    /// file: when they cannot (another file system), every file is staged as a copy before the
    /// commit, so that running out of space fails a transaction that can still roll back.
    private func hardLinksReach(from files: [PlannedFile]) -> Bool {
        guard let source = files.lazy.compactMap({ file -> String? in
            if case .cacheFile(let path) = file.source { return path }
            return nil
        }).first else { return true }
        let probe = FileSystem.join(stateDirectory, ".link-probe-\(getpid())")
        unlink(probe)
        guard link(source, probe) == 0 else { return !FilePlacer.meansNoHardLinksHere(errno) }
        unlink(probe)
        return true
    }

    /// Finishes (committed) or undoes (not committed) a transaction a killed kiln left behind.
    func recover() throws(InstallError) -> Recovery {
        guard FileSystem.exists(journalPath) else {
            unlink(commitMarkerPath)
            return .nothingPending
        }
        let journal: Journal
        do {
            journal = try Journal(decoding: try FileSystem.readBytes(journalPath))
        } catch let error as JournalDecodingError {
            throw .damagedJournal(path: journalPath, reason: error.reason)
        } catch {
            throw .damagedJournal(path: journalPath, reason: String(describing: error))
        }
        if FileSystem.exists(commitMarkerPath) {
            try commit(journal, linkMode: .hardlink, recovering: true)
            finish()
            return .completed
        }
        rollBack(journal)
        finish()
        return .rolledBack
    }

    private func write(_ journal: Journal) throws(InstallError) {
        do {
            try FileSystem.createDirectories(stateDirectory)
            try FileSystem.writeAtomically(journal.encoded(), to: journalPath)
        } catch {
            throw .io(error)
        }
    }

    /// Idempotent: a temporary already renamed is simply gone; a file already removed is fine.
    /// A recovery also links again whatever early link a killed run may not have made.
    private func commit(_ journal: Journal, linkMode: LinkMode, recovering: Bool) throws(InstallError) {
        try DirectoryWork.forEach(journal.staged, directoryOf: { FileSystem.parent(of: $0.destination) }) { file throws(InstallError) in
            try Self.moveIntoPlace(file)
        }
        let placer = FilePlacer(mode: linkMode)
        let linked = recovering ? journal.linkedEarly + journal.linked : journal.linked
        try DirectoryWork.forEach(linked, directoryOf: { FileSystem.parent(of: $0.destination) }) { file throws(InstallError) in
            try Self.placeLinked(file, placer: placer)
        }
        DirectoryWork.forEach(journal.removals, directoryOf: FileSystem.parent(of:)) { path in
            unlink(path)
            if path.hasSuffix(".py") { BytecodeFiles.remove(for: path) }
        }
        for tree in journal.removedTrees { try? FileSystem.removeTree(tree) }
        for directory in journal.pruneCandidates { rmdir(directory) }
    }

    private static func moveIntoPlace(_ file: Journal.StagedFile) throws(InstallError) {
        if rename(file.temporary, file.destination) == 0 {
            // rename(2) does nothing when both names are links to one inode (a reinstall
            // from the same cache entry); the temporary must still go.
            unlink(file.temporary)
            return
        }
        let code = errno
        if code == ENOENT && FileSystem.exists(file.destination) { return }
        if code == EISDIR || code == ENOTEMPTY || code == EEXIST {
            // The old version had a directory where the new one has a file.
            try? FileSystem.removeTree(file.destination)
            if rename(file.temporary, file.destination) == 0 { return }
        }
        throw .io(SystemCallError("cannot move into place", path: file.destination, code: code))
    }

    /// Links one file to its free name. If the name was taken after planning (or by this same
    /// transaction before a kill), the same inode means done; anything else is replaced through a
    /// temporary and rename, as staged files are.
    private static func placeLinked(_ file: Journal.LinkedFile, placer: FilePlacer) throws(InstallError) {
        if placer.mode == .hardlink && link(file.source, file.destination) == 0 { return }
        var existing = stat()
        var source = stat()
        if lstat(file.destination, &existing) == 0 && stat(file.source, &source) == 0
            && existing.st_ino == source.st_ino && existing.st_dev == source.st_dev {
            return
        }
        let temporary = FileSystem.temporarySibling(of: file.destination)
        do throws(SystemCallError) {
            try placer.place(.cacheFile(file.source), at: temporary)
            guard rename(temporary, file.destination) == 0 else {
                throw SystemCallError("cannot move into place", path: file.destination)
            }
        } catch {
            unlink(temporary)
            throw .io(error)
        }
    }

    /// Everything staging did was add names that did not exist: the temporaries, the early links
    /// (or their copies) at names that were free, and the directories.
    private func rollBack(_ journal: Journal) {
        for file in journal.staged { unlink(file.temporary) }
        DirectoryWork.forEach(journal.linkedEarly, directoryOf: { FileSystem.parent(of: $0.destination) }) { file in
            unlink(file.destination)
        }
        for directory in journal.createdDirectories.reversed() { rmdir(directory) }
    }

    /// The journal goes first: a marker without a journal means nothing and is cleared next time.
    private func finish() {
        unlink(journalPath)
        unlink(commitMarkerPath)
        Self.syncDirectory(stateDirectory)
    }

    private static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
