import Cache
import Index
import SystemSupport

/// Resolutions kept for reuse (`resolutions-v1`): when the inputs are the same
/// (`ResolutionInputs`) and every page the stored resolution read is unchanged and usable as it
/// is (`PackageIndex.stillHolds`), its answer is the answer, without running PubGrub. uv has no
/// such cache; it makes a repeated `compile` cost a few file reads.
///
/// A stored resolution is only a shortcut: one that does not decode (cut short, changed on disk,
/// another layout) is ignored and replaced by the next resolution with the same inputs.
public struct ResolutionCache: Sendable {
    let root: CacheRoot

    public init(root: CacheRoot) {
        self.root = root
    }

    func path(for inputs: ResolutionInputs) throws(CacheError) -> String {
        try root.entryPath(.resolutions, [inputs.digest])
    }

    /// The lines the stored resolution for `inputs` printed, if it is sound and its pages still hold.
    public func lookup(_ inputs: ResolutionInputs, index: PackageIndex) -> [String]? {
        guard let path = try? path(for: inputs), let bytes = try? FileSystem.readBytes(path),
            let stored = StoredResolution.decode(bytes), index.stillHolds(stored.pages)
        else { return nil }
        return stored.lines
    }

    /// Keeps `lines` as the answer for `inputs`, if every page the index read is known
    /// (`PagesRead.pages`); otherwise the answer cannot be checked later and is not kept. A
    /// failure to write costs only the next run its resolution, so it is not an error of this one.
    public func store(_ lines: [String], for inputs: ResolutionInputs, pagesRead: PagesRead) {
        guard let pages = pagesRead.pages, !pages.isEmpty, let path = try? path(for: inputs) else { return }
        try? FileSystem.createDirectories(FileSystem.parent(of: path))
        try? FileSystem.writeAtomically(StoredResolution(pages: pages, lines: lines).encoded(), to: path, flush: false)
    }
}
