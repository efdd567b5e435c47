import PackagingModel

/// Prints a version set as PEP 440 specifiers: `>=1.0,<2`, `==1.2.*`, `!=1.5`,
/// intervals joined with ` | `. The full set prints as `*`, the empty set as `∅`.
extension VersionRanges: CustomStringConvertible {
    public var description: String {
        if isEmpty { return "∅" }
        if isFull { return "*" }
        // A set with one hole (`!=1.5`, `!=1.*`) reads best as the hole.
        let holes = complement
        if intervals.count == 2, intervals[0].lower == .minimum, intervals[1].upper == .maximum,
           holes.intervals.count == 1, let hole = holes.intervals[0].pointOrPrefix {
            return "!=" + hole
        }
        return intervals.map(\.description).joined(separator: " | ")
    }
}

extension VersionRanges.Interval: CustomStringConvertible {
    public var description: String {
        if let pin = pointOrPrefix { return "==" + pin }
        var parts: [String] = []
        switch lower {
        case .minimum, .maximum: break
        case .before(let version): parts.append(">=\(version)")
        case .after(let version, _): parts.append(">\(version)")
        }
        switch upper {
        case .minimum, .maximum: break
        case .before(let version): parts.append("<\(Self.withoutDevZero(version))")
        case .after(let version, _): parts.append("<=\(version)")
        }
        return parts.joined(separator: ",")
    }

    /// `1.5` for the interval of `==1.5`, `1.*` for that of `==1.*`, else nil.
    var pointOrPrefix: String? {
        switch (lower, upper) {
        case (.before(let low), .after(let high, let reach)) where low == high && reach != .family:
            return low.description
        case (.before(let low), .before(let high)):
            guard low.dev == 0, high.dev == 0, low.pre == nil, high.pre == nil, low.post == nil, high.post == nil,
                  low.local == nil, low.epoch == high.epoch, let last = low.release.last,
                  high.release == Array(low.release.dropLast()) + [last + 1]
            else { return nil }
            let epoch = low.epoch == 0 ? "" : "\(low.epoch)!"
            return epoch + low.release.map(String.init).joined(separator: ".") + ".*"
        default:
            return nil
        }
    }

    /// `<2` is stored as "before 2.dev0" (so that 2.0's pre-releases stay out); print it as written.
    private static func withoutDevZero(_ version: Version) -> Version {
        guard version.dev == 0, version.pre == nil, version.local == nil else { return version }
        return (try? Version(epoch: version.epoch, release: version.release, post: version.post)) ?? version
    }
}
