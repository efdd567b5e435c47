import SystemSupport

/// The environment hooks run in: the caller's, scrubbed of what would leak into a build
/// (`PYTHONPATH`, `PYTHONHOME`, the user site, `PIP_*`, `UV_*`, `KILN_*`, an outer venv), with the
/// build environment's scripts first on `PATH` and `SOURCE_DATE_EPOCH` set unless the user set it.
public enum HookEnvironment {
    static let droppedNames: Set<String> = ["PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONUSERBASE", "VIRTUAL_ENV", "CONDA_PREFIX", "__PYVENV_LAUNCHER__"]
    static let droppedPrefixes = ["PIP_", "UV_", "KILN_"]

    /// `scriptsDirectory`: the build venv's `bin` (under --no-isolation the target venv's, or nil: PATH stays).
    /// `noUserSite`: sets `PYTHONNOUSERSITE=1` (every build kiln runs does; false leaves it to the caller).
    public static func make(
        from base: [String: String], scriptsDirectory: String?, sourceDateEpoch: Int64?, noUserSite: Bool = true
    ) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in base {
            if droppedNames.contains(name) || droppedPrefixes.contains(where: { name.hasPrefix($0) }) { continue }
            result[name] = value
        }
        if noUserSite { result["PYTHONNOUSERSITE"] = "1" }
        if let scriptsDirectory {
            let rest = result["PATH"].map { $0.isEmpty ? "" : ":" + $0 } ?? ":/usr/local/bin:/usr/bin:/bin"
            result["PATH"] = scriptsDirectory + rest
            result["VIRTUAL_ENV"] = FileSystem.parent(of: scriptsDirectory)
        }
        if result["SOURCE_DATE_EPOCH"] == nil, let sourceDateEpoch {
            result["SOURCE_DATE_EPOCH"] = String(sourceDateEpoch)
        }
        return result
    }

    /// 1980-01-01T00:00:00Z: zip cannot store earlier times.
    public static let zipEpochFloor: Int64 = 315_532_800

    /// The epoch for a build: PKG-INFO's modification time in the archive, clamped to the zip floor.
    public static func sourceDateEpoch(pkgInfoModificationTime: Int64?) -> Int64? {
        pkgInfoModificationTime.map { max($0, zipEpochFloor) }
    }
}
