import PackagingModel
import SystemSupport

/// Finds the unpacked wheels in `wheels-v1` without assuming how their owner names them
/// (the installer keys them by the wheel's SHA-256): an unpacked wheel is a directory with a
/// `<name>-<version>.dist-info` directory directly inside, as every wheel has at its root.
struct UnpackedWheel: Sendable, Equatable {
    /// Relative to the cache root.
    let path: String
    /// The PEP 503-normalised project name its `.dist-info` directory carries.
    let project: String

    /// Deep enough for `wheels-v1/<digest>/` and `wheels-v1/<name>/<entry>/` layouts.
    static let searchDepth = 3

    static func all(in maintenance: CacheMaintenance) throws(CacheError) -> [UnpackedWheel] {
        var found: [UnpackedWheel] = []
        try search(CacheBucket.wheels.rawValue, depth: 0, in: maintenance, into: &found)
        return found
    }

    private static func search(
        _ relative: String, depth: Int, in maintenance: CacheMaintenance, into found: inout [UnpackedWheel]
    ) throws(CacheError) {
        let names = try CacheTree.list(maintenance.absolute(relative)).filter { !$0.hasPrefix(".") }
        if depth > 0, let distInfo = names.first(where: { $0.hasSuffix(".dist-info") }),
            try CacheFileInfo.of(maintenance.absolute(FileSystem.join(relative, distInfo)))?.kind == .directory
        {
            found.append(UnpackedWheel(path: relative, project: project(ofDistInfo: distInfo)))
            return
        }
        guard depth < searchDepth else { return }
        for name in names {
            let child = FileSystem.join(relative, name)
            if try CacheFileInfo.of(maintenance.absolute(child))?.kind == .directory {
                try search(child, depth: depth + 1, in: maintenance, into: &found)
            }
        }
    }

    /// `Zope_Interface-5.0.dist-info` → `zope-interface`. Versions hold no `-`, so the name is
    /// everything before the last one (an unescaped `-` in the name stays part of it).
    static func project(ofDistInfo name: String) -> String {
        let stem = name.dropLast(".dist-info".count)
        let namePart = stem.lastIndex(of: "-").map { stem[..<$0] } ?? stem
        return (try? PackageName(String(namePart)))?.normalized ?? String(namePart).lowercased()
    }
}
