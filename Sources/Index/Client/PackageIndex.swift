import Cache
import PackagingModel

/// The package sources of one kiln run: indexes in order, find-links locations, the page and
/// archive caches. The one entry point the resolver and installer use to learn which files a
/// project has and to get them onto disk.
public struct PackageIndex: Sendable {
    public let settings: IndexSettings
    let client: HTTPClient
    let pages: PageFetcher
    let archives: ArchiveStore
    let cacheRoot: CacheRoot
    let events: IndexEvents
    /// The cached pages this index's answers came from (see `PagesRead`).
    public let pagesRead = PagesRead()
    /// Set by `sharingParsedPages()`: parsed pages kept for reuse within one command.
    var pageMemo: ProjectPageMemo?

    public init(settings: IndexSettings, client: HTTPClient, cache: CacheRoot, events: IndexEvents = IndexEvents()) {
        self.settings = settings
        self.client = client
        self.pages = PageFetcher(client: client, store: SimplePageStore(root: cache), mode: settings.cacheMode, ttl: settings.pageTTL)
        self.archives = ArchiveStore(root: cache)
        self.cacheRoot = cache
        self.events = events
    }

    /// The files of `name`: from the first index that has a page for it (later indexes are not
    /// asked, so a same-named package elsewhere cannot slip in), plus matching find-links files.
    /// `--exclude-newer` drops index files uploaded later or without an upload time.
    /// Ends the HTTP client's thread after its transfers; the command that made this index calls it last.
    public func shutDown() async {
        await client.shutDown()
    }

    public func project(_ name: PackageName) async throws(IndexError) -> ProjectPage {
        guard let pageMemo else { return try await loadProject(name) }
        let index = self
        return try await pageMemo.page(name) {
            await Result.awaiting { () async throws(IndexError) in try await index.loadProject(name) }
        }.get()
    }

    private func loadProject(_ name: PackageName) async throws(IndexError) -> ProjectPage {
        var searched: [RedactedURL] = []
        var listed: ParsedFiles?
        var source: RedactedURL?
        for index in settings.indexes {
            let url = index.appendingDirectory(name.normalized)
            searched.append(url.redacted)
            guard case .found(let page) = try await pages.fetch(url, package: name) else {
                // Missing here today; an index earlier in the list could gain the project.
                pagesRead.recordUntraceable()
                continue
            }
            var files = try await ParsedPages(fetcher: pages).files(of: page, project: name, recordingIn: pagesRead)
            if let cutoff = settings.excludeNewer {
                files = files.keeping(uploadedNoLaterThan: cutoff)
            }
            listed = files
            source = url.redacted
            break
        }
        let finder = FindLinks(pages: pages)
        var linked: [IndexFile] = []
        if !settings.findLinks.isEmpty { pagesRead.recordUntraceable() }
        for location in settings.findLinks {
            searched.append(location.url.redacted)
            let found = try await finder.files(for: name, in: location)
            if !found.isEmpty && source == nil { source = location.url.redacted }
            linked += found
        }
        guard let source else { throw .packageNotFound(name: name, searched: searched) }
        if let listed, linked.isEmpty { return ProjectPage(name: name, files: listed, source: source) }
        // Find-links files join the index's: a rare case, built in memory.
        return ProjectPage(name: name, files: Array(listed ?? ParsedFiles([], project: name)) + linked, source: source)
    }

    /// Pages of many projects at once (they share connections; HTTP/2 multiplexes them). Each
    /// name gets its own result so one missing package does not hide the others.
    public func projects(_ names: [PackageName]) async -> [PackageName: Result<ProjectPage, IndexError>] {
        await withTaskGroup(of: (PackageName, Result<ProjectPage, IndexError>).self) { group in
            for name in Set(names) {
                group.addTask {
                    // Named first: see `Result.awaiting` for the miscompile this avoids.
                    let result = await Result.awaiting { () async throws(IndexError) in try await project(name) }
                    return (name, result)
                }
            }
            var results: [PackageName: Result<ProjectPage, IndexError>] = [:]
            for await (name, result) in group { results[name] = result }
            return results
        }
    }
}

/// Callbacks through which the index reports what it is doing; the CLI renders them.
public struct IndexEvents: Sendable {
    public var progress: TransferProgressHandler?
    /// "Waiting for another kiln process to finish downloading …".
    public var waiting: @Sendable (String) -> Void

    public init(progress: TransferProgressHandler? = nil, waiting: @escaping @Sendable (String) -> Void = { _ in }) {
        self.progress = progress
        self.waiting = waiting
    }
}
