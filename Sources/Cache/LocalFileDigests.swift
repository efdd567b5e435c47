#if canImport(Glibc)
import Glibc
#endif
import SystemSupport

/// SHA-256 digests of local files (wheels installed by path), remembered in `file-digests-v1` so
/// that installing an unchanged file again does not read all of it to find its unpacked entry.
///
/// An entry is `<first 16 hex digits of SHA-256(real path)>`, holding the real path, the file's
/// identity when it was hashed, and the digest. It is used only while the file still has that
/// identity: device, inode, size, modification time and inode change time. The change time is
/// set by the kernel on every write and cannot be set back by `touch`, so a file rewritten in
/// place (even to the same size within one mtime tick) is hashed again.
public struct LocalFileDigests: Sendable {
    public let root: CacheRoot

    public init(root: CacheRoot) {
        self.root = root
    }

    private static let header = "kiln-file-digest 1"

    /// The file's digest, from the memo while the file is unchanged, else by reading it.
    public func digest(of path: String) throws(CacheError) -> ArchiveDigest {
        let real: String
        let before: FileStatus
        do throws(SystemCallError) {
            real = try FileSystem.realPath(path)
            guard let status = try FileStatus.of(real), status.kind == .regular else {
                throw SystemCallError("not a regular file", path: path, code: ENOENT)
            }
            before = status
        } catch {
            throw .io(error)
        }
        guard let entry = try? root.entryPath(.fileDigests, [CacheKey.digest(real)]) else {
            return try ArchiveDigest.of(file: real)
        }
        if let remembered = Self.read(entry), remembered.realPath == real, remembered.identity == Self.identity(before) {
            return remembered.digest
        }
        let digest = try ArchiveDigest.of(file: real)
        // Remembered only if nothing touched the file while it was read.
        if let after = try? FileStatus.of(real), after == before {
            try? FileSystem.writeAtomically(Array(Self.encode(realPath: real, status: before, digest: digest).utf8), to: entry, flush: false)
        }
        return digest
    }

    /// Whether the entry at `entry` still describes the file it names (for `kiln cache prune`).
    static func describesCurrentFile(_ entry: String) -> Bool {
        guard let remembered = read(entry), let status = (try? FileStatus.of(remembered.realPath)) ?? nil else { return false }
        return remembered.identity == identity(status)
    }

    private struct Remembered {
        let realPath: String
        let identity: String
        let digest: ArchiveDigest
    }

    private static func read(_ entry: String) -> Remembered? {
        guard let text = try? FileSystem.readText(entry) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 4, lines[0] == header, let digest = try? ArchiveDigest(hex: String(lines[3])) else { return nil }
        return Remembered(realPath: String(lines[1]), identity: String(lines[2]), digest: digest)
    }

    private static func encode(realPath: String, status: FileStatus, digest: ArchiveDigest) -> String {
        [header, realPath, identity(status), digest.hex].joined(separator: "\n") + "\n"
    }

    private static func identity(_ status: FileStatus) -> String {
        [status.device, status.inode].map(String.init).joined(separator: " ") + " "
            + [status.size, status.modificationSeconds, status.modificationNanoseconds,
               status.changeSeconds, status.changeNanoseconds].map(String.init).joined(separator: " ")
    }
}
