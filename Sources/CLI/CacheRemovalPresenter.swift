import Cache

/// The stderr lines of `clean` and `prune`: each removal with -v, then one summary line.
struct CacheRemovalPresenter {
    let console: Console

    func present(_ report: CacheRemovalReport, in root: String, subject: String) {
        for removal in report.removals {
            console.detail("Removed \(removal.path) (\(removal.reason), \(CacheByteCount.format(removal.bytes)))")
        }
        if report.removals.isEmpty {
            console.info("Nothing to remove\(subject) in \(root)")
            return
        }
        let freed = CacheByteCount.format(report.bytesFreed)
        if report.removals.allSatisfy({ $0.reason == .everything }) {
            console.info("Removed everything in \(root), freed \(freed)")
            return
        }
        let entries = report.entryCount == 1 ? "1 entry" : "\(report.entryCount) entries"
        console.info("Removed \(entries)\(subject) from \(root), freed \(freed)")
    }
}
