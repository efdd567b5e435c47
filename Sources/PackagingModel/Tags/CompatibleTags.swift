/// The ordered list of tags an interpreter accepts, best first: the same list, in the same order,
/// as packaging 26.3's `sys_tags()`. A wheel's rank is the position of its best tag in this list.
///
/// The order within the list: the interpreter matters most, then the platform, then the ABI.
public enum CompatibleTags {
    /// Everything `target` accepts: its implementation's tags, then the pure-Python fallbacks.
    public static func forTarget(_ target: TagTarget) -> [Tag] {
        var tags: [Tag]
        let anyInterpreter: String?
        switch target.interpreter {
        case .cpython(let build):
            tags = cpython(
                pythonVersion: target.pythonVersion,
                abis: InterpreterABI.cpython(target.pythonVersion, build: build),
                platforms: target.platforms)
            anyInterpreter = "cp" + target.interpreterVersion
        case .other(_, let abis):
            let shortName = target.interpreter.shortName
            tags = generic(interpreter: shortName + target.interpreterVersion, abis: abis, platforms: target.platforms)
            // PyPy's pure-Python wheels are tagged for the language, not the PyPy release.
            anyInterpreter = shortName == "pp" ? "pp3" : nil
        }
        tags += compatible(pythonVersion: target.pythonVersion, interpreter: anyInterpreter, platforms: target.platforms)
        return tags
    }

    /// CPython's own tags: its ABIs on every platform, then the stable ABI (`abi3`, or `abi3t` for
    /// a free-threaded build), then `none`, then the stable ABI of every older 3.x down to 3.2
    /// (where PEP 384 began).
    public static func cpython(pythonVersion: LanguageVersion, abis: [String], platforms: [String]) -> [Tag] {
        let interpreter = "cp" + pythonVersion.nodot
        let freeThreaded = isFreeThreaded(abis)
        let stableABI = freeThreaded ? "abi3t" : "abi3"
        // Stable ABIs and `none` get their own positions below.
        let explicit: Set<String> = freeThreaded ? ["abi3", "abi3t", "none"] : ["abi3", "none"]
        var remaining = abis
        for abi in explicit {
            if let index = remaining.firstIndex(of: abi) { remaining.remove(at: index) }
        }

        var tags: [Tag] = []
        for abi in remaining {
            for platform in platforms { tags.append(Tag(unchecked: interpreter, abi, platform)) }
        }
        let hasStableABI = pythonVersion.minor.map { (pythonVersion.major, $0) >= (3, 2) } ?? false
        if hasStableABI {
            for platform in platforms { tags.append(Tag(unchecked: interpreter, stableABI, platform)) }
        }
        for platform in platforms { tags.append(Tag(unchecked: interpreter, "none", platform)) }
        if hasStableABI, let minor = pythonVersion.minor {
            for older in stride(from: minor - 1, to: 1, by: -1) {
                for platform in platforms {
                    tags.append(Tag(unchecked: "cp\(pythonVersion.major)\(older)", stableABI, platform))
                }
            }
        }
        return tags
    }

    /// Tags of an interpreter with no special rules: each of its ABIs, then `none`, on every platform.
    public static func generic(interpreter: String, abis: [String], platforms: [String]) -> [Tag] {
        var allABIs = abis
        if !allABIs.contains("none") { allABIs.append("none") }
        var tags: [Tag] = []
        for abi in allABIs {
            for platform in platforms { tags.append(Tag(unchecked: interpreter, abi, platform)) }
        }
        return tags
    }

    /// Tags any interpreter of `pythonVersion` accepts: `py3X-none-<platform>` for every older
    /// minor (with `py3` after the current one), then `<interpreter>-none-any`, then the
    /// pure-Python tags.
    public static func compatible(pythonVersion: LanguageVersion, interpreter: String?, platforms: [String]) -> [Tag] {
        var tags: [Tag] = []
        for version in pythonVersionsDescending(pythonVersion) {
            for platform in platforms { tags.append(Tag(unchecked: version, "none", platform)) }
        }
        if let interpreter { tags.append(Tag(unchecked: interpreter, "none", "any")) }
        return tags + purePython(pythonVersion: pythonVersion)
    }

    /// `py3X-none-any` for the current minor, `py3-none-any`, then every older minor.
    public static func purePython(pythonVersion: LanguageVersion) -> [Tag] {
        pythonVersionsDescending(pythonVersion).map { Tag(unchecked: $0, "none", "any") }
    }

    /// `py312`, `py3`, `py311`, …, `py30`: the current version, the major alone, then older minors.
    static func pythonVersionsDescending(_ version: LanguageVersion) -> [String] {
        guard let minor = version.minor else { return ["py\(version.major)"] }
        var names = ["py\(version.major)\(minor)", "py\(version.major)"]
        for older in stride(from: minor - 1, through: 0, by: -1) { names.append("py\(version.major)\(older)") }
        return names
    }

    /// A free-threaded build's first ABI carries `t` among its flags (`cp313t`, `cp313td`).
    static func isFreeThreaded(_ abis: [String]) -> Bool {
        guard let first = abis.first, first.hasPrefix("cp") else { return false }
        let flags = first.dropFirst(2).drop { $0.isASCII && $0.isNumber }
        guard first.dropFirst(2).first?.isNumber == true else { return false }
        return flags.contains("t")
    }
}
