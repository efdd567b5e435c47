#if canImport(Glibc)
import Glibc
#endif
import SystemSupport

/// What is already on disk where a transaction will put its files: which directories must be
/// made, and which destination names are taken.
///
/// Built from as few system calls as the tree allows: a directory whose parent is missing is
/// missing too (no `stat`), a file in a directory that is about to be made is free (no `lstat`),
/// and a directory that exists is listed once for all the names in it. Into a fresh environment
/// that is a handful of calls for ten thousand files.
struct DestinationSurvey {
    /// Directories to create, parents first.
    private(set) var missingDirectories: [String] = []
    private var exists: [String: Bool] = [:]
    /// Names in each existing directory, listed on first question; nil if it could not be read.
    private var listings: [String: Set<String>?] = [:]

    init(destinations: [String]) {
        for destination in destinations { _ = ensure(FileSystem.parent(of: destination)) }
    }

    /// Whether anything (a file, a link, a directory) has the name. A directory that cannot be
    /// listed counts as full, which sends its files the careful way (staged, then renamed).
    mutating func isOccupied(_ destination: String) -> Bool {
        let directory = FileSystem.parent(of: destination)
        if exists[directory] == false { return false }
        if listings[directory] == nil {
            listings[directory] = (try? FileSystem.listDirectory(directory)).map(Set.init)
        }
        guard let names = listings[directory] ?? nil else { return true }
        return names.contains(FileSystem.basename(of: destination))
    }

    /// Records whether `directory` exists, after its parents, and returns it.
    private mutating func ensure(_ directory: String) -> Bool {
        if let known = exists[directory] { return known }
        let parent = FileSystem.parent(of: directory)
        let present = (parent == directory || ensure(parent)) && FileSystem.isDirectory(directory)
        exists[directory] = present
        if !present { missingDirectories.append(directory) }
        return present
    }
}
