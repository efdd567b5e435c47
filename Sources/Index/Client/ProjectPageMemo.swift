import PackagingModel
import SystemSupport

/// Parsed project pages kept for the length of one command, so that several resolutions over one
/// index (a lock's resolution for each Python) read and parse each page once. Parsing large pages
/// (botocore's lists thousands of files) otherwise dominates a multi-Python lock.
public actor ProjectPageMemo {
    private var pages: [PackageName: Task<Result<ProjectPage, IndexError>, Never>] = [:]

    public init() {}

    /// The page of `name`, loaded by `load` the first time only; concurrent callers share the load.
    func page(_ name: PackageName, load: @escaping @Sendable () async -> Result<ProjectPage, IndexError>) async -> Result<ProjectPage, IndexError> {
        if let known = pages[name] { return await known.value }
        let task = Task { await load() }
        pages[name] = task
        return await task.value
    }
}

extension PackageIndex {
    /// The same index, keeping every parsed project page in memory for reuse (see `ProjectPageMemo`).
    public func sharingParsedPages() -> PackageIndex {
        var copy = self
        copy.pageMemo = ProjectPageMemo()
        return copy
    }
}
