import SystemSupport

public enum CacheError: Error, Equatable, Sendable, CustomStringConvertible {
    case unusableRoot(path: String, reason: String)
    case lock(LockError)
    case invalidKey(String)
    case io(SystemCallError)
    /// The producer of an entry failed; the entry was not published. Carries the producer's message.
    case producerFailed(entry: String, message: String)
    /// The producer returned without leaving anything at the temporary path it was given.
    case nothingProduced(entry: String)
    /// A file's content does not have the SHA-256 it was expected to have; it was not stored.
    case digestMismatch(filename: String, expected: String, actual: String)
    /// Not 64 hexadecimal digits.
    case invalidDigest(String)
    /// `KILN_LOCK_TIMEOUT` is not a number of seconds.
    case invalidLockTimeout(String)

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
        case .nothingProduced(let entry):
            return "internal error: nothing was produced for the cache entry \(entry)"
        case .digestMismatch(let filename, let expected, let actual):
            return "\(filename) has SHA-256 \(actual) but \(expected) was expected; it was not stored "
                + "(the download was corrupted or the index lists a wrong hash): try again"
        case .invalidDigest(let text):
            return "'\(text)' is not a SHA-256 digest (64 hexadecimal digits)"
        case .invalidLockTimeout(let text):
            return "KILN_LOCK_TIMEOUT='\(text)' is not a number of seconds; set it to e.g. 600"
        }
    }
}
