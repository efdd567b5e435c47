#if canImport(Glibc)
import Glibc
#endif
import SystemSupport

/// Spreads a transaction's file-system calls over threads one directory at a time.
///
/// Creating a name in a directory (mkdir, link, rename) holds that directory's lock, and on ext4
/// making a directory also scans for a free inode while holding it; threads working in one
/// directory just wait for each other (measured: a quarter of the time spinning on the lock).
/// So each directory's entries are made by one thread, and threads work in different directories.
enum DirectoryWork {
    /// Makes `directories` (listed parents first) and then, in each directory, does `fill` for
    /// the items in it: a directory's subdirectories are made before its items are placed, and
    /// its subdirectories are handed to other threads as soon as they exist.
    static func createTree<Item: Sendable>(
        _ directories: [String], filling items: [Item], directoryOf: (Item) -> String,
        _ fill: @Sendable (Item) throws(SystemCallError) -> Void
    ) throws(SystemCallError) {
        var children: [String: [String]] = [:]
        let created = Set(directories)
        for directory in directories { children[FileSystem.parent(of: directory), default: []].append(directory) }
        let itemsIn = Dictionary(grouping: items, by: directoryOf)
        // Start from every existing directory that gets a subdirectory or an item.
        let roots = Set(children.keys.filter { !created.contains($0) }).union(itemsIn.keys.filter { !created.contains($0) })
        let childrenOf = children
        try ParallelTasks.run(roots.map(Step.enter)) { step throws(SystemCallError) -> [Step] in
            switch step {
            case .enter(let directory):
                let subdirectories = childrenOf[directory] ?? []
                for subdirectory in subdirectories where mkdir(subdirectory, 0o755) != 0 && errno != EEXIST {
                    throw SystemCallError("cannot create directory", path: subdirectory)
                }
                return subdirectories.map(Step.enter) + (itemsIn[directory] == nil ? [] : [.fill(directory)])
            case .fill(let directory):
                for item in itemsIn[directory] ?? [] { try fill(item) }
                return []
            }
        }
    }

    private enum Step: Sendable {
        case enter(String)
        case fill(String)
    }

    /// Does `body` for every item, the items of one directory in order on one thread, the
    /// biggest directories first so that none is left to run alone at the end.
    static func forEach<Item: Sendable, Failure: Error>(
        _ items: [Item], directoryOf: (Item) -> String, _ body: @Sendable (Item) throws(Failure) -> Void
    ) throws(Failure) {
        let groups = Dictionary(grouping: items, by: directoryOf).values.sorted { $0.count > $1.count }
        try ParallelLoop.run(count: groups.count) { index throws(Failure) in
            for item in groups[index] { try body(item) }
        }
    }
}
