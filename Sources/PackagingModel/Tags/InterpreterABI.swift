/// The ABI tags an interpreter's own extension modules carry.
public enum InterpreterABI {
    /// CPython's ABI tags, most specific first: `cp312`; `cp313t`; `cp38d` then `cp38` (a debug
    /// build also loads normal extensions from 3.8 on); `cp37m` before 3.8.
    public static func cpython(_ version: LanguageVersion, build: CPythonBuild) -> [String] {
        guard let minor = version.minor else { return [] }
        let base = "cp\(version.major)\(minor)"
        let atLeast = { (major: Int, minor2: Int) in (version.major, minor) >= (major, minor2) }
        let threading = atLeast(3, 13) && build.freeThreaded ? "t" : ""
        let debug = build.debug ? "d" : ""
        var abis: [String] = []
        var pymalloc = ""
        var wideUnicode = ""
        if !atLeast(3, 8) {
            if build.pymalloc { pymalloc = "m" }
            if !atLeast(3, 3) && build.wideUnicode { wideUnicode = "u" }
        } else if build.debug {
            abis.append(base + threading)
        }
        abis.insert(base + threading + debug + pymalloc + wideUnicode, at: 0)
        return abis
    }

    /// The ABI of a non-CPython interpreter, read from its `EXT_SUFFIX` config variable:
    /// `.pypy39-pp73-x86_64-linux-gnu.so` → `pypy39_pp73`, `.graalpy-38-native-x86_64-darwin.so` →
    /// `graalpy_38_native`, `.cpython-313t-x86_64-linux-gnu.so` → `cp313t`. Nil when the suffix is
    /// malformed; an empty list when it names no ABI (`..so`, `.so`-style suffixes without one).
    public static func fromExtensionSuffix(_ suffix: String) -> [String]? {
        guard suffix.hasPrefix(".") else { return nil }
        let parts = suffix.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return [] }
        let soabi = parts[1]
        let abi: String
        if soabi.hasPrefix("cpython") {
            let pieces = soabi.split(separator: "-", omittingEmptySubsequences: false)
            guard pieces.count >= 2, !pieces[1].isEmpty else { return nil }
            abi = "cp" + pieces[1]
        } else if soabi.hasPrefix("cp") {
            abi = String(soabi.split(separator: "-", omittingEmptySubsequences: false)[0])
        } else if soabi.hasPrefix("pypy") {
            abi = soabi.split(separator: "-", omittingEmptySubsequences: false).prefix(2).joined(separator: "-")
        } else if soabi.hasPrefix("graalpy") {
            abi = soabi.split(separator: "-", omittingEmptySubsequences: false).prefix(3).joined(separator: "-")
        } else if !soabi.isEmpty {
            abi = String(soabi)
        } else {
            return []
        }
        return [PlatformTags.normalize(abi)]
    }
}
