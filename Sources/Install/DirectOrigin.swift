/// What a directly referenced distribution was installed from, for its `direct_url.json`
/// (PEP 610). The wheel being installed is not always what the user named: an sdist or a
/// project directory is built first, and the record must name the source, not the built wheel.
public enum DirectOrigin: Sendable, Equatable {
    /// The wheel file itself was named (`archive_info` with the wheel's own hash).
    case thisWheel
    /// A source archive (an sdist) at this absolute path or URL, with its SHA-256 (`archive_info`).
    case archive(url: String, sha256: String)
    /// A project directory (`dir_info`); `editable` for a PEP 660 editable install.
    case directory(path: String, editable: Bool)
}
