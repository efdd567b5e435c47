import PackagingModel

/// One Python minor a lock resolves for, with the release standing in for it: the first patch
/// release that `requires-python` admits (`3.8.0`, or `3.8.1` under `>=3.8.1`).
public struct PythonFork: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let minor: Int
    public let version: Version

    public static func < (lhs: PythonFork, rhs: PythonFork) -> Bool { lhs.minor < rhs.minor }
    public var description: String { "3.\(minor)" }

    /// The newest CPython minor release kiln knows of: the default top of a lock's range
    /// (`--python-max` goes further).
    public static let newestKnownMinor = 14

    /// Every minor from the lowest `requiresPython` admits up to `maxMinor`, skipping those it
    /// excludes entirely (`!=3.9.*`).
    public static func forks(requiresPython: SpecifierSet, maxMinor: Int = newestKnownMinor) -> [PythonFork] {
        (0...max(0, maxMinor)).compactMap { minor in
            // Patch releases run into the twenties; a bound naming a later one is unheard of.
            for patch in 0..<64 {
                guard let version = try? Version("3.\(minor).\(patch)") else { continue }
                if requiresPython.contains(version, prereleases: true) { return PythonFork(minor: minor, version: version) }
            }
            return nil
        }
    }
}
