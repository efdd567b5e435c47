import SystemSupport

/// The files an installed distribution owns, read from its RECORD (or a legacy egg-info's
/// `installed-files.txt`), split into those inside the environment and those refused.
struct OwnedFiles: Sendable, Equatable {
    var files: [String] = []
    /// Listed, but outside the environment (after resolving `..` and symlinked directories).
    var refused: [String] = []

    static func of(_ distribution: InstalledDistribution, root: String) -> OwnedFiles {
        var owned = OwnedFiles()
        let realRoot = (try? FileSystem.realPath(root)) ?? root
        let listed: [String]
        let base: String
        switch distribution.format {
        case .distInfo:
            let recordPath = FileSystem.join(distribution.metadataPath, "RECORD")
            let text = (try? FileSystem.readText(recordPath)) ?? ""
            listed = ((try? RecordFile(parsing: text, file: recordPath))?.rows ?? []).map(\.path)
            base = distribution.siteDirectory
        case .eggInfo:
            let text = (try? FileSystem.readText(FileSystem.join(distribution.metadataPath, "installed-files.txt"))) ?? ""
            listed = text.split(separator: "\n").map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }.filter { !$0.isEmpty }
            base = distribution.metadataPath
        }
        var seen: Set<String> = []
        for entry in listed {
            let path = PathArithmetic.normalize(FileSystem.join(base, entry))
            guard seen.insert(path).inserted else { continue }
            if isInside(path, root: root, realRoot: realRoot) && Journal.isJournalSafe(path) {
                owned.files.append(path)
            } else {
                owned.refused.append(path)
            }
        }
        return owned
    }

    /// Lexically under `root`, and its directory, with symlinks resolved, still under it.
    static func isInside(_ path: String, root: String, realRoot: String) -> Bool {
        guard path.hasPrefix(root + "/") else { return false }
        guard let realParent = try? FileSystem.realPath(FileSystem.parent(of: path)) else { return true }
        return realParent == realRoot || realParent.hasPrefix(realRoot + "/")
    }
}

/// Path arithmetic on strings, without touching the file system.
enum PathArithmetic {
    /// Resolves `.`, `..` and repeated slashes of an absolute path.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." { _ = parts.popLast(); continue }
            parts.append(component)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `target` relative to the directory `base` (both absolute and normalized), e.g. `../../../bin/x`.
    static func relative(_ target: String, from base: String) -> String {
        let targetParts = target.split(separator: "/")
        let baseParts = base.split(separator: "/")
        var common = 0
        while common < targetParts.count, common < baseParts.count, targetParts[common] == baseParts[common] { common += 1 }
        let ups = Array(repeating: "..", count: baseParts.count - common)
        return (ups + targetParts[common...].map(String.init)).joined(separator: "/")
    }

    /// Every directory between `path` (exclusive) and `stop` (exclusive), deepest first.
    static func ancestors(of path: String, below stop: String) -> [String] {
        var result: [String] = []
        var current = FileSystem.parent(of: path)
        while current.hasPrefix(stop + "/") {
            result.append(current)
            current = FileSystem.parent(of: current)
        }
        return result
    }
}
