/// The cache's top-level directories. The version suffix is bumped whenever an entry's layout
/// changes, so an old kiln and a new one can share a root without reading each other's entries.
///
/// Layout, and how `kiln cache clean NAME` finds a package's entries (NAME PEP 503-normalised):
///
/// | bucket            | entries                                         | entries of package NAME            |
/// |-------------------|-------------------------------------------------|------------------------------------|
/// | `simple-v1`       | `<name>/<digest of URL>` (`SimplePageStore`)    | `simple-v1/NAME/`                  |
/// | `archives-v1`     | `sha256/<ab>/<digest>/<filename>` (`ArchiveStore`) | files whose filename names NAME |
/// | `wheels-v1`       | `<sha256 of the wheel>/` unpacked wheels         | those whose `.dist-info` names NAME |
/// | `built-wheels-v1` | `<name>/...`                                    | `built-wheels-v1/NAME/`, and wheels whose filename names NAME |
/// | `metadata-v1`     | `<name>/...`                                    | `metadata-v1/NAME/`                |
/// | `built-metadata-v1` | `<name>/<built-wheel key>/METADATA`           | `built-metadata-v1/NAME/`          |
/// | `interpreters-v1` | keyed by interpreter, not by package            | none                               |
/// | `file-digests-v1` | `<digest of a local file's real path>` (`LocalFileDigests`) | none                  |
/// | `resolutions-v1`  | `<digest of a resolution's inputs>` (`ResolutionCache`) | none (an entry whose pages changed is not used) |
///
/// Buckets keyed by package put the normalised name first (`CacheRoot.packageDirectory`); what
/// lies below it is the owning module's choice. Unpacked wheels are found by their `.dist-info`
/// directory wherever they sit in `wheels-v1`. Names starting with `_` are not package names
/// (normalised names start with a letter or digit) and hold entries of no single package.
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
    /// Core metadata of sdists from `prepare_metadata_for_build_wheel` (or a build), under the
    /// same key as their built wheel: sdist SHA-256, interpreter, config settings, constraints.
    case builtMetadata = "built-metadata-v1"
    /// Interpreter probe results, keyed by executable path and file identity.
    case interpreters = "interpreters-v1"
    /// SHA-256 digests of local files (wheels installed by path), keyed by path and file identity.
    case fileDigests = "file-digests-v1"
    /// Finished resolutions with the digests of the pages they read, reused while those hold.
    case resolutions = "resolutions-v1"

    /// True if the first directory level is the PEP 503-normalised package name.
    public var isKeyedByPackage: Bool {
        switch self {
        case .simple, .builtWheels, .metadata, .builtMetadata: return true
        case .archives, .wheels, .interpreters, .fileDigests, .resolutions: return false
        }
    }
}
