import PackagingModel

/// A point *between* versions: the boundary of an interval in a `VersionRanges`.
///
/// PEP 440 operators need boundaries that no single version marks. `<=2.0` admits
/// `2.0+cu118` (the cut lies after every local version of 2.0) and `>1.0` rejects
/// `1.0.post1` (the cut lies after every version sharing 1.0's release and
/// pre-release). A cut is therefore "just below V", or "just above everything that
/// agrees with V up to some part of the version", and never equal to a version.
public enum VersionCut: Sendable, Hashable {
    /// Below every version.
    case minimum
    /// Just below `version`.
    case before(Version)
    /// Just above every version that agrees with `version` up to `reach`.
    case after(Version, Reach)
    /// Above every version.
    case maximum

    /// How much of a version a cut placed after it covers.
    public enum Reach: Int, Sendable, Hashable {
        /// Versions sharing epoch, release and pre-release: where `>1.0` starts.
        case family = 3
        /// The version and its local versions: where `<=2.0` ends.
        case publicVersion = 5
        /// The version alone.
        case exact = 6
    }
}

extension VersionCut: Comparable {
    public static func < (lhs: VersionCut, rhs: VersionCut) -> Bool {
        VersionKey.compare(lhs.key, rhs.key) < 0
    }

    public static func == (lhs: VersionCut, rhs: VersionCut) -> Bool {
        VersionKey.compare(lhs.key, rhs.key) == 0
    }

    public func hash(into hasher: inout Hasher) {
        // Cuts equal under `==` may be spelled differently (`1.0` and `1.0.0`), so only
        // the kind is hashed; sets of cuts are small.
        switch self {
        case .minimum: hasher.combine(0)
        case .before: hasher.combine(1)
        case .after: hasher.combine(2)
        case .maximum: hasher.combine(3)
        }
    }

    /// Whether `version` lies below this cut.
    public func isAbove(_ version: Version) -> Bool {
        VersionKey.compare(VersionKey(version: version, levels: VersionKey.allLevels, tail: 0), key) < 0
    }

    var key: VersionKey {
        switch self {
        case .minimum: VersionKey(version: nil, levels: 0, tail: -1)
        case .maximum: VersionKey(version: nil, levels: 0, tail: 1)
        case .before(let version): VersionKey(version: version, levels: VersionKey.allLevels, tail: -1)
        case .after(let version, let reach): VersionKey(version: version, levels: reach.rawValue, tail: 1)
        }
    }
}

/// A version's PEP 440 sort key cut off after `levels` parts, then nudged by `tail`
/// (-1 below everything sharing that prefix, +1 above it, 0 the version itself).
///
/// The parts, in order: epoch, release (trailing zeros ignored), pre-release slot,
/// post-release, dev-release, local label — the order `Version` compares them in.
struct VersionKey {
    static let allLevels = 6
    let version: Version?
    let levels: Int
    let tail: Int

    static func compare(_ lhs: VersionKey, _ rhs: VersionKey) -> Int {
        guard let left = lhs.version, let right = rhs.version else {
            // Only `.minimum` and `.maximum` lack a version; their tail says where they sit.
            if lhs.version == nil, rhs.version == nil { return sign(lhs.tail - rhs.tail) }
            return lhs.version == nil ? lhs.tail : -rhs.tail
        }
        for level in 0..<min(lhs.levels, rhs.levels) {
            let order = compareLevel(left, right, level)
            if order != 0 { return order }
        }
        if lhs.levels == rhs.levels { return sign(lhs.tail - rhs.tail) }
        // The shorter prefix is shared: it sits below or above every extension of it.
        return lhs.levels < rhs.levels ? lhs.tail : -rhs.tail
    }

    private static func sign(_ value: Int) -> Int { value == 0 ? 0 : (value < 0 ? -1 : 1) }

    private static func compareLevel(_ lhs: Version, _ rhs: Version, _ level: Int) -> Int {
        switch level {
        case 0: return sign(lhs.epoch - rhs.epoch)
        case 1: return compareRelease(lhs.release, rhs.release)
        case 2: return comparePreSlot(lhs, rhs)
        case 3: return compareRanked(lhs.post.map { (1, $0) } ?? (0, 0), rhs.post.map { (1, $0) } ?? (0, 0))
        case 4: return compareRanked(lhs.dev.map { (0, $0) } ?? (1, 0), rhs.dev.map { (0, $0) } ?? (1, 0))
        default: return compareLocal(lhs.local, rhs.local)
        }
    }

    private static func compareRelease(_ lhs: [Int], _ rhs: [Int]) -> Int {
        for index in 0..<max(lhs.count, rhs.count) {
            let left = index < lhs.count ? lhs[index] : 0
            let right = index < rhs.count ? rhs[index] : 0
            if left != right { return left < right ? -1 : 1 }
        }
        return 0
    }

    /// A bare dev release (`1.0.dev1`) sorts before every pre-release of its release,
    /// a version without a pre-release after all of them.
    private static func comparePreSlot(_ lhs: Version, _ rhs: Version) -> Int {
        func rank(_ version: Version) -> (Int, PreRelease?) {
            if let pre = version.pre { return (1, pre) }
            return version.post == nil && version.dev != nil ? (0, nil) : (2, nil)
        }
        let (leftRank, leftPre) = rank(lhs)
        let (rightRank, rightPre) = rank(rhs)
        if leftRank != rightRank { return leftRank < rightRank ? -1 : 1 }
        guard let leftPre, let rightPre, leftPre != rightPre else { return 0 }
        return leftPre < rightPre ? -1 : 1
    }

    private static func compareRanked(_ lhs: (Int, Int), _ rhs: (Int, Int)) -> Int {
        if lhs.0 != rhs.0 { return lhs.0 < rhs.0 ? -1 : 1 }
        return sign(lhs.1 - rhs.1)
    }

    private static func compareLocal(_ lhs: [LocalSegment]?, _ rhs: [LocalSegment]?) -> Int {
        switch (lhs, rhs) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case (let left?, let right?):
            for (leftPart, rightPart) in zip(left, right) where leftPart != rightPart {
                return leftPart < rightPart ? -1 : 1
            }
            return sign(left.count - right.count)
        }
    }
}
