import SystemSupport

public enum CacheError: Error, Equatable, Sendable, CustomStringConvertible {
    case unusableRoot(path: String, reason: String)
    case lock(LockError)
    case invalidKey(String)
    case io(SystemCallError)
    /// The producer of an entry failed; the entry was not published. Carries the producer's message.
    case producerFailed(entry: String, message: String)

    public var description: String {
        switch self {
        case .unusableRoot(let path, let reason):
            return "cannot use the cache directory \(path): \(reason); pass --cache-dir or set KILN_CACHE_DIR to a writable directory"
        case .lock(let error):
            return error.description
        case .invalidKey(let key):
            return "internal error: '\(key)' is not a valid cache key component"
        case .io(let error):
            return "cache: \(error.description)"
        case .producerFailed(_, let message):
            return message
        }
    }
}
