/// PEP 440 equality and ordering.
///
/// Trailing zeros of the release do not count (`1.0 == 1.0.0`), and hashing
/// agrees with that. The order within one release is:
/// `.devN` < `aN` < `bN` < `rcN` < final < `.postN`, each pre and post release
/// preceded by its own `.devN`, with local versions just after their public one.
extension Version: Comparable, Hashable {
    public static func == (lhs: Version, rhs: Version) -> Bool {
        compare(lhs, rhs) == 0
    }

    public static func < (lhs: Version, rhs: Version) -> Bool {
        compare(lhs, rhs) < 0
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(epoch)
        let count = significantReleaseCount
        hasher.combine(count)
        for index in 0..<count { hasher.combine(release[index]) }
        hasher.combine(pre)
        hasher.combine(post)
        hasher.combine(dev)
        hasher.combine(local)
    }

    /// Three-way comparison: negative, zero or positive.
    static func compare(_ lhs: Version, _ rhs: Version) -> Int {
        if lhs.epoch != rhs.epoch { return lhs.epoch < rhs.epoch ? -1 : 1 }
        let releaseOrder = compareRelease(lhs.release, rhs.release)
        if releaseOrder != 0 { return releaseOrder }
        let preOrder = compareOptional(lhs.preReleaseKey, rhs.preReleaseKey)
        if preOrder != 0 { return preOrder }
        // No post-release sorts before any post-release.
        let postOrder = compareOptional(lhs.post.map { OrderKey.value($0) } ?? .lowest,
                                        rhs.post.map { OrderKey.value($0) } ?? .lowest)
        if postOrder != 0 { return postOrder }
        // No dev-release sorts after any dev-release.
        let devOrder = compareOptional(lhs.dev.map { OrderKey.value($0) } ?? .highest,
                                       rhs.dev.map { OrderKey.value($0) } ?? .highest)
        if devOrder != 0 { return devOrder }
        return compareLocal(lhs.local, rhs.local)
    }

    /// Compares releases as if the shorter were padded with zeros.
    private static func compareRelease(_ lhs: [Int], _ rhs: [Int]) -> Int {
        for index in 0..<max(lhs.count, rhs.count) {
            let left = index < lhs.count ? lhs[index] : 0
            let right = index < rhs.count ? rhs[index] : 0
            if left != right { return left < right ? -1 : 1 }
        }
        return 0
    }

    private static func compareLocal(_ lhs: [LocalSegment]?, _ rhs: [LocalSegment]?) -> Int {
        switch (lhs, rhs) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case (let left?, let right?):
            for (leftSegment, rightSegment) in zip(left, right) where leftSegment != rightSegment {
                return leftSegment < rightSegment ? -1 : 1
            }
            return left.count == right.count ? 0 : (left.count < right.count ? -1 : 1)
        }
    }

    private static func compareOptional<T: Comparable>(_ lhs: T, _ rhs: T) -> Int {
        lhs == rhs ? 0 : (lhs < rhs ? -1 : 1)
    }

    /// A bare `.devN` release (`1.0.dev1`) sorts before every pre-release of its
    /// release; a version without a pre-release sorts after all of them.
    private var preReleaseKey: OrderKey<PreRelease> {
        if let pre { return .value(pre) }
        if post == nil, dev != nil { return .lowest }
        return .highest
    }
}

/// A value extended with a bottom and a top, for the "missing part" rules of PEP 440.
enum OrderKey<Value: Comparable>: Comparable {
    case lowest
    case value(Value)
    case highest
}
