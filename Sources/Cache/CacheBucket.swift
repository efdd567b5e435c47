/// The cache's top-level directories. The version suffix is bumped whenever an entry's layout
/// changes, so an old kiln and a new one can share a root without reading each other's entries.
public enum CacheBucket: String, CaseIterable, Sendable {
    /// Simple-API pages (PEP 503/691) with their HTTP validators.
    case simple = "simple-v1"
    /// Distribution files (wheels, sdists) keyed by their SHA-256: immutable, never revalidated.
    case archives = "archives-v1"
    /// Unpacked wheels, linked into environments from here.
    case wheels = "wheels-v1"
    /// Wheels built from sdists, keyed by sdist hash, interpreter ABI and config settings.
    case builtWheels = "built-wheels-v1"
    /// Core metadata fetched alone (PEP 658 files, range requests into wheels).
    case metadata = "metadata-v1"
    /// Interpreter probe results, keyed by executable path and file identity.
    case interpreters = "interpreters-v1"
}
