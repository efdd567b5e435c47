import Cache
import Synchronization

/// Which cached index pages a run's answers came from, each with the digest of the response body
/// it read: what a stored resolution records, so that it is reused only while every one of those
/// pages is still the same. A page that left no trace in the cache (a `file://` page, a
/// `no-store` response, a 404 from an index before the one that answered, find-links) makes the
/// run's answers unrepeatable from the cache alone: `isComplete` turns false.
public final class PagesRead: Sendable {
    public struct Page: Sendable, Hashable {
        public let key: SimplePageKey
        /// Lowercase hex SHA-256 of the body read.
        public let bodySHA256: String

        public init(key: SimplePageKey, bodySHA256: String) {
            self.key = key
            self.bodySHA256 = bodySHA256
        }
    }

    private struct State {
        var pages: Set<Page> = []
        var isComplete = true
    }

    private let state = Mutex(State())

    public init() {}

    func record(_ page: Page) {
        state.withLock { _ = $0.pages.insert(page) }
    }

    func recordUntraceable() {
        state.withLock { $0.isComplete = false }
    }

    /// The pages read so far, sorted by URL; nil if some answer came from outside the page cache.
    public var pages: [Page]? {
        state.withLock { state in
            state.isComplete ? state.pages.sorted { ($0.key.url, $0.bodySHA256) < ($1.key.url, $1.bodySHA256) } : nil
        }
    }
}

extension PackageIndex {
    /// True when every page in `pages` is still in the cache with the same body and may be used
    /// as it is: fresh, or (offline) merely present. Then an answer derived from those pages alone
    /// is still the answer. Never true under `--refresh`, which asks the server about every page.
    public func stillHolds(_ pages: [PagesRead.Page]) -> Bool {
        guard settings.cacheMode != .refresh else { return false }
        let store = SimplePageStore(root: cacheRoot)
        return pages.allSatisfy { page in
            guard let stored = try? store.readHead(page.key, defaultTTL: settings.pageTTL),
                stored.head.bodySHA256 == page.bodySHA256
            else { return false }
            return settings.cacheMode == .offline || stored.isFresh
        }
    }
}
