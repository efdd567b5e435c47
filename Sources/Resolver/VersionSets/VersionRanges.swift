import PackagingModel

/// A set of versions: a union of disjoint, ordered open intervals between `VersionCut`s.
///
/// Cuts never equal a version, so every interval is open and "contains" is a pair of
/// comparisons. Two distinct cuts can have no version between them (nothing lies
/// between "after 1.0's local versions" and "before 1.0.post0.dev0"); such an empty
/// interval is kept as written. The solver stays correct with it — asking the
/// provider for a version there finds none — it only means two sets with the same
/// versions may compare as different.
public struct VersionRanges: Sendable, Hashable {
    public struct Interval: Sendable, Hashable {
        public let lower: VersionCut
        public let upper: VersionCut

        public func contains(_ version: Version) -> Bool {
            !lower.isAbove(version) && upper.isAbove(version)
        }
    }

    /// Sorted, disjoint, each with `lower < upper`.
    public private(set) var intervals: [Interval]

    private init(sortedIntervals: [Interval]) {
        self.intervals = sortedIntervals
    }

    /// The versions strictly between two cuts.
    public init(from lower: VersionCut, to upper: VersionCut) {
        self.intervals = lower < upper ? [Interval(lower: lower, upper: upper)] : []
    }

    public static let full = VersionRanges(from: .minimum, to: .maximum)
    public static let empty = VersionRanges(sortedIntervals: [])

    /// Exactly `version` (not its local versions).
    public static func exactly(_ version: Version) -> VersionRanges {
        VersionRanges(from: .before(version), to: .after(version, .exact))
    }

    /// Exactly the given versions.
    public static func only(_ versions: some Sequence<Version>) -> VersionRanges {
        versions.reduce(VersionRanges.empty) { $0.union(.exactly($1)) }
    }

    public var isEmpty: Bool { intervals.isEmpty }
    public var isFull: Bool { self == .full }

    /// The single version this set holds, when it is one exact pin.
    public var singleVersion: Version? {
        guard intervals.count == 1, case .before(let low) = intervals[0].lower,
              case .after(let high, .exact) = intervals[0].upper, low == high else { return nil }
        return low
    }

    public func contains(_ version: Version) -> Bool {
        // Binary search: the first interval whose upper cut lies above the version.
        var low = 0
        var high = intervals.count
        while low < high {
            let middle = (low + high) / 2
            if intervals[middle].upper.isAbove(version) { high = middle } else { low = middle + 1 }
        }
        return low < intervals.count && intervals[low].contains(version)
    }

    public var complement: VersionRanges {
        var result: [Interval] = []
        var previous = VersionCut.minimum
        for interval in intervals {
            if previous < interval.lower { result.append(Interval(lower: previous, upper: interval.lower)) }
            previous = interval.upper
        }
        if previous < .maximum { result.append(Interval(lower: previous, upper: .maximum)) }
        return VersionRanges(sortedIntervals: result)
    }

    public func intersection(_ other: VersionRanges) -> VersionRanges {
        var result: [Interval] = []
        var left = 0
        var right = 0
        while left < intervals.count, right < other.intervals.count {
            let first = intervals[left]
            let second = other.intervals[right]
            let lower = max(first.lower, second.lower)
            let upper = min(first.upper, second.upper)
            if lower < upper { result.append(Interval(lower: lower, upper: upper)) }
            if first.upper < second.upper { left += 1 } else { right += 1 }
        }
        return VersionRanges(sortedIntervals: result)
    }

    public func union(_ other: VersionRanges) -> VersionRanges {
        complement.intersection(other.complement).complement
    }

    public func subtracting(_ other: VersionRanges) -> VersionRanges {
        intersection(other.complement)
    }

    public func isSubset(of other: VersionRanges) -> Bool {
        subtracting(other).isEmpty
    }

    public func isDisjoint(with other: VersionRanges) -> Bool {
        intersection(other).isEmpty
    }
}
