import SystemSupport

/// What removing installed distributions takes away — for uninstall, and for the old version in a
/// reinstall (minus what the new version puts back at the same paths).
enum RemovalPlanner {
    struct Removal: Sendable, Equatable {
        var removals: [String] = []
        var removedTrees: [String] = []
        var pruneCandidates: [String] = []
        /// Listed in a RECORD but outside the environment: never touched, reported.
        var refused: [String] = []
    }

    static func plan(
        removing distributions: [InstalledDistribution], keeping kept: Set<String>, target: InstallTarget,
        keepingMetadata: Set<String> = []
    ) -> Removal {
        var removal = Removal()
        let scheme = target.scheme
        // Directories that must survive even when empty; pruning stops below the deepest one.
        let stops = [scheme.purelib, scheme.platlib, scheme.scripts, scheme.headersBase, scheme.data, target.root]
        var prune: Set<String> = []
        for distribution in distributions {
            let owned = OwnedFiles.of(distribution, root: target.root)
            removal.refused += owned.refused
            for path in owned.files where !kept.contains(path) {
                removal.removals.append(path)
                let stop = stops.filter { path.hasPrefix($0 + "/") }.max { $0.count < $1.count } ?? target.root
                for directory in PathArithmetic.ancestors(of: path, below: stop) { prune.insert(directory) }
            }
            if !keepingMetadata.contains(distribution.metadataPath) {
                removal.removedTrees.append(distribution.metadataPath)
            }
        }
        removal.pruneCandidates = prune.sorted {
            let left = $0.split(separator: "/").count, right = $1.split(separator: "/").count
            return left != right ? left > right : $0 < $1
        }
        return removal
    }
}
