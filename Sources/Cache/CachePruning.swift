import SystemSupport

extension CacheMaintenance {
    /// Removes what no kiln process can use any more, and nothing else:
    ///
    /// 1. temporaries (`.<entry>.tmp-<pid>-<n>`) whose process is gone or that are over an hour old:
    ///    what a killed kiln left half-written;
    /// 2. unpacked wheels (directories in `wheels-v1` with a `.dist-info` inside) none of whose files
    ///    has a second hard link,
    ///    i.e. no environment links to them (an environment that copied files does not need them
    ///    either; they are unpacked again from `archives-v1` when next installed);
    /// 3. lock files (`.<entry>.lock`) whose entry does not exist;
    /// 4. remembered digests (`file-digests-v1`) of local files that are gone or have changed;
    /// 5. derived entries (`DerivedEntry`: parsed pages, parsed metadata) whose source is gone;
    /// 6. directories below the buckets that the above left empty.
    ///
    /// Downloaded archives, index pages, built wheels and metadata are kept: `clean` removes those.
    public func prune(now: CacheTimestamp = .now) throws(CacheError) -> CacheRemovalReport {
        var report = CacheRemovalReport()
        try removeAbandonedTemporaries(in: "", now: now, into: &report)
        try removeUnlinkedWheels(into: &report)
        try removeStaleFileDigests(into: &report)
        for bucket in try CacheTree.list(root.path) where !bucket.hasPrefix(".") {
            try removeOrphansAndEmptyDirectories(in: bucket, isBucket: true, into: &report)
        }
        return report
    }

    private func removeAbandonedTemporaries(
        in relative: String, now: CacheTimestamp, into report: inout CacheRemovalReport
    ) throws(CacheError) {
        for name in try CacheTree.list(absolute(relative)) {
            let child = relative.isEmpty ? name : FileSystem.join(relative, name)
            guard let info = try CacheFileInfo.of(absolute(child)) else { continue }
            if let temporary = CacheTemporaryName(parsing: name) {
                if temporary.isAbandoned(modifiedAt: info.modified, now: now) {
                    try remove(child, reason: .abandonedTemporary, into: &report)
                }
            } else if info.kind == .directory {
                try removeAbandonedTemporaries(in: child, now: now, into: &report)
            }
        }
    }

    private func removeUnlinkedWheels(into report: inout CacheRemovalReport) throws(CacheError) {
        for wheel in try UnpackedWheel.all(in: self) where try !CacheTree.hasLinkedFile(absolute(wheel.path)) {
            try remove(wheel.path, reason: .unlinkedWheel, into: &report)
        }
    }

    private func removeStaleFileDigests(into report: inout CacheRemovalReport) throws(CacheError) {
        let bucket = CacheBucket.fileDigests.rawValue
        guard try CacheFileInfo.of(absolute(bucket))?.kind == .directory else { return }
        for name in try CacheTree.list(absolute(bucket)) where !name.hasPrefix(".") {
            let entry = FileSystem.join(bucket, name)
            if !LocalFileDigests.describesCurrentFile(absolute(entry)) {
                try remove(entry, reason: .staleFileDigest, into: &report)
            }
        }
    }

    /// Post-order, so a directory emptied by removing its lock files is itself removed.
    private func removeOrphansAndEmptyDirectories(
        in relative: String, isBucket: Bool, into report: inout CacheRemovalReport
    ) throws(CacheError) {
        guard try CacheFileInfo.of(absolute(relative))?.kind == .directory else { return }
        for name in try CacheTree.list(absolute(relative)) {
            let child = FileSystem.join(relative, name)
            if let entryName = Self.lockedEntryName(name) {
                if !CacheEntry.isPublished(absolute(FileSystem.join(relative, entryName))) {
                    try remove(child, reason: .orphanLock, into: &report)
                }
            } else if let sourceName = DerivedEntry.sourceName(of: name), !name.hasPrefix(".") {
                if try CacheFileInfo.of(absolute(FileSystem.join(relative, sourceName))) == nil {
                    try remove(child, reason: .orphanDerivedEntry, into: &report)
                }
            } else {
                try removeOrphansAndEmptyDirectories(in: child, isBucket: false, into: &report)
            }
        }
        if !isBucket { try removeIfEmpty(relative, into: &report) }
    }

    /// `.<entry>.lock` → `<entry>`; nil for any other name.
    static func lockedEntryName(_ name: String) -> String? {
        guard name.hasPrefix("."), name.hasSuffix(".lock"), name.utf8.count > ".x.lock".utf8.count - 1 else { return nil }
        let entry = name.dropFirst().dropLast(".lock".count)
        return entry.isEmpty ? nil : String(entry)
    }
}
