/// A cache entry derived from another one beside it (a project page's parsed form beside the
/// stored response, a METADATA file's parsed fields beside the file): named after its source
/// with a suffix, only ever a faster way to what the source says, and useless without it.
public enum DerivedEntry {
    public static let suffix = ".parsed"

    /// Where the entry derived from the one at `source` lives.
    public static func path(beside source: String) -> String { source + suffix }

    /// The name of the entry `name` is derived from, nil when `name` is not a derived entry.
    public static func sourceName(of name: String) -> String? {
        guard name.hasSuffix(suffix), name.utf8.count > suffix.utf8.count else { return nil }
        return String(name.dropLast(suffix.count))
    }
}
