import Cache
import SystemSupport

/// Probe reports kept in the cache's `interpreters-v1` bucket, one file per interpreter path
/// (`ProbeCacheCodec`).
///
/// An entry is used only while the interpreter is still the same file: the path must resolve to
/// the same real path with the same inode, size and times (so a venv whose `python` now links to
/// another interpreter is probed again), and a venv's `pyvenv.cfg` must say the same. The file's
/// content counts, not its identity: a venv deleted and made again at the same path by the same
/// interpreter answers every probe question the same way, and CI recreates venvs on every run.
struct ProbeCache: Sendable {
    let directory: String

    /// What identifies the interpreter behind a path at one moment.
    struct Fingerprint: Equatable, Sendable {
        var realPath: String
        var status: FileStatus
        /// SHA-256 of the `pyvenv.cfg` of the environment the path sits in, if it is one.
        var environmentConfig: String?

        /// Nil when the path does not resolve to a file (then there is nothing to cache).
        static func current(of path: String) -> Fingerprint? {
            guard let real = try? FileSystem.realPath(path), let status = (try? FileStatus.of(real)) ?? nil else { return nil }
            let config = FileSystem.join(FileSystem.parent(of: FileSystem.parent(of: path)), "pyvenv.cfg")
            let configDigest = (try? FileSystem.readBytes(config)).map(SHA256Hasher.hexDigest(of:))
            return Fingerprint(realPath: real, status: status, environmentConfig: configDigest)
        }
    }

    struct Entry: Equatable, Sendable {
        var path: String
        var fingerprint: Fingerprint
        var report: ProbeReport
    }

    func entryPath(for path: String) -> String {
        FileSystem.join(directory, CacheKey.digest(path) + ".probe")
    }

    /// The cached report for `path` if it still describes the file there now.
    func lookup(_ path: String, fingerprint: Fingerprint) -> ProbeReport? {
        guard let bytes = try? FileSystem.readBytes(entryPath(for: path)),
            let text = String(validating: bytes, as: UTF8.self),
            let entry = ProbeCacheCodec.decode(text[...]),
            entry.path == path, entry.fingerprint == fingerprint,
            entry.report.probeFormat == ProbeReport.currentFormat
        else { return nil }
        return entry.report
    }

    /// Best effort: a cache that cannot be written only costs the next run a probe.
    func store(_ report: ProbeReport, for path: String, fingerprint: Fingerprint) {
        let entry = Entry(path: path, fingerprint: fingerprint, report: report)
        try? FileSystem.createDirectories(directory)
        try? FileSystem.writeAtomically(Array(ProbeCacheCodec.encode(entry).utf8), to: entryPath(for: path))
    }
}
