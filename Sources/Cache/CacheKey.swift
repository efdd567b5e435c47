import SystemSupport

/// Turns arbitrary strings (URLs, config settings) into short directory names that are safe on
/// every filesystem and stable across runs.
public enum CacheKey {
    /// The first 16 hex digits of the SHA-256 of `text`: enough to never collide in one cache.
    public static func digest(_ text: String) -> String {
        String(SHA256Hasher.hexDigest(of: Array(text.utf8)).prefix(16))
    }

    /// A component is safe if it cannot climb out of its bucket or name a hidden/temporary file.
    public static func isSafeComponent(_ component: String) -> Bool {
        !component.isEmpty && component != "." && component != ".." && !component.hasPrefix(".")
            && !component.utf8.contains(UInt8(ascii: "/")) && !component.utf8.contains(0) && component.utf8.count <= 255
    }
}
