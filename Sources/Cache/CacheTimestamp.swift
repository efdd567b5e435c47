#if canImport(Glibc)
import Glibc
#endif

/// A wall-clock instant in whole seconds since the Unix epoch. Cache entries record it on disk
/// (when a page was stored) and other processes compare it with their own clock, so it is the
/// wall clock, not `ContinuousClock`, whose values mean nothing outside one process.
public struct CacheTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    public static var now: CacheTimestamp {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return CacheTimestamp(secondsSinceEpoch: Int64(time.tv_sec))
    }

    /// Whole seconds from `earlier` to `self`; negative if `earlier` is in the future (a clock
    /// that was set back), which callers treat as "just stored".
    public func seconds(since earlier: CacheTimestamp) -> Int64 {
        secondsSinceEpoch - earlier.secondsSinceEpoch
    }

    public func adding(seconds: Int64) -> CacheTimestamp {
        CacheTimestamp(secondsSinceEpoch: secondsSinceEpoch + seconds)
    }

    public static func < (lhs: CacheTimestamp, rhs: CacheTimestamp) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }

    public var description: String { String(secondsSinceEpoch) }
}

extension Duration {
    /// Whole seconds, rounded down; what cache lifetimes are compared in.
    var wholeSeconds: Int64 { components.seconds }
}
