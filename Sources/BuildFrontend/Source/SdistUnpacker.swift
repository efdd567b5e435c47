#if canImport(Glibc)
import Glibc
#endif
import CArchive
import SystemSupport

/// Unpacks an sdist into a fresh directory of its own, judging every member before anything is
/// written (`SdistTree`) and bounding what comes out while it is decompressed.
public struct SdistUnpacker: Sendable {
    public static let defaultMaxUnpackedSize: UInt64 = 2 << 30

    public let maxUnpackedSize: UInt64

    public init(maxUnpackedSize: UInt64 = SdistUnpacker.defaultMaxUnpackedSize) {
        self.maxUnpackedSize = maxUnpackedSize
    }

    /// KILN_MAX_UNPACKED_SIZE (bytes) or the default; a bad value is an error.
    /// An empty value counts as unset, as `KILN_MAX_UNPACKED_SIZE= kiln …` means in a shell.
    public static func maxUnpackedSize(from environment: [String: String]) throws(SdistUnpackError) -> UInt64 {
        guard let raw = environment["KILN_MAX_UNPACKED_SIZE"], !raw.isEmpty else { return defaultMaxUnpackedSize }
        guard raw.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let value = UInt64(raw), value > 0
        else { throw .invalidSizeLimit(value: raw) }
        return value
    }

    /// Unpacks `archive` (.tar.gz/.tgz, .zip, .tar.bz2) into `destination`, an existing empty directory.
    public func unpack(_ archive: String, into destination: String) throws(SdistUnpackError) -> UnpackedSdist {
        if let loadError = kiln_archive_load_error() {
            throw .libraryUnavailable(reason: String(cString: loadError))
        }
        let root = try Self.checkedDestination(destination)
        // The extracting thread works in `root`: the archive's path must not depend on the cwd.
        let job = ExtractionJob(
            archive: archive, archivePath: FileSystem.absolute(archive), limit: maxUnpackedSize)
        let status = withExtendedLifetime(job) {
            root.withCString { directory in
                kiln_archive_run_in_directory(directory, { context in
                    guard let context else { return }
                    Unmanaged<ExtractionJob>.fromOpaque(context).takeUnretainedValue().run()
                }, Unmanaged.passUnretained(job).toOpaque())
            }
        }
        guard status == 0 else {
            throw .destinationUnusable(destination: destination, reason: String(cString: strerror(status)))
        }
        guard let outcome = job.outcome else {
            throw .destinationUnusable(destination: destination, reason: "the unpacking thread did not run")
        }
        let extracted = try outcome.get()
        return UnpackedSdist(root: root + "/" + extracted.topLevel, pkgInfoModificationTime: extracted.pkgInfoModificationTime)
    }

    private static func checkedDestination(_ destination: String) throws(SdistUnpackError) -> String {
        let root: String
        let names: [String]
        do throws(SystemCallError) {
            root = try FileSystem.realPath(destination)
            names = try FileSystem.listDirectory(root)
        } catch {
            throw .destinationUnusable(destination: destination, reason: error.description)
        }
        guard names.isEmpty else {
            throw .destinationUnusable(destination: destination, reason: "not empty")
        }
        return root
    }
}

public struct UnpackedSdist: Sendable, Equatable {
    /// Absolute path of the archive's single top-level directory.
    public let root: String
    /// mtime recorded in the archive for `<top>/PKG-INFO`.
    public let pkgInfoModificationTime: Int64?

    public init(root: String, pkgInfoModificationTime: Int64?) {
        self.root = root
        self.pkgInfoModificationTime = pkgInfoModificationTime
    }
}

/// What one unpacking thread hands back. A class because the thread reaches it through a raw
/// pointer; it is read only after that thread has been joined.
private final class ExtractionJob {
    struct Extracted {
        let topLevel: String
        let pkgInfoModificationTime: Int64?
    }

    let archive: String
    let archivePath: String
    let limit: UInt64
    var outcome: Result<Extracted, SdistUnpackError>?

    init(archive: String, archivePath: String, limit: UInt64) {
        self.archive = archive
        self.archivePath = archivePath
        self.limit = limit
    }

    func run() {
        do throws(SdistUnpackError) {
            outcome = .success(try extract())
        } catch {
            outcome = .failure(error)
        }
    }

    /// Runs with the destination as working directory: every name given to the writer is relative.
    private func extract() throws(SdistUnpackError) -> Extracted {
        guard let reader = kiln_archive_read_new() else {
            throw .unreadable(archive: archive, reason: "cannot allocate an archive reader")
        }
        defer { kiln_archive_read_free(reader) }
        // Only what sdists come as: filter_all would also run external programs (lrzip, lzop).
        kiln_archive_read_support_filter_gzip(reader)
        kiln_archive_read_support_filter_bzip2(reader)
        kiln_archive_read_support_filter_xz(reader)
        kiln_archive_read_support_format_tar(reader)
        kiln_archive_read_support_format_zip(reader)
        guard kiln_archive_read_open_filename(reader, archivePath, 1 << 16) == ARCHIVE_OK else {
            throw .unreadable(archive: archive, reason: Self.message(reader))
        }
        guard let writer = kiln_archive_write_disk_new() else {
            throw .unreadable(archive: archive, reason: "cannot allocate an archive writer")
        }
        defer { kiln_archive_write_free(writer) }
        // The second fence behind SdistTree. PERM applies the modes set below exactly (no umask,
        // and never setuid/setgid, which are not set); TIME keeps the archive's mtimes, which
        // backends that do not clamp to SOURCE_DATE_EPOCH copy into the wheel.
        kiln_archive_write_disk_set_options(
            writer,
            ARCHIVE_EXTRACT_SECURE_NODOTDOT | ARCHIVE_EXTRACT_SECURE_SYMLINKS | ARCHIVE_EXTRACT_SECURE_NOABSOLUTEPATHS
                | ARCHIVE_EXTRACT_PERM | ARCHIVE_EXTRACT_TIME)

        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        var tree = SdistTree(archive: archive)
        var written: UInt64 = 0
        var pkgInfoModificationTime: Int64?
        var header: OpaquePointer?
        while true {
            let status = kiln_archive_read_next_header(reader, &header)
            if status == ARCHIVE_EOF { break }
            guard status >= ARCHIVE_WARN, let entry = header else {
                throw .unreadable(archive: archive, reason: Self.message(reader))
            }
            let member = Self.member(entry)
            guard let admitted = try tree.admit(member) else { continue }
            kiln_archive_entry_set_pathname(entry, admitted.path)
            switch admitted.kind {
            case .file:
                kiln_archive_entry_set_perm(entry, kiln_archive_entry_perm(entry) & 0o111 != 0 ? 0o755 : 0o644)
                // With a declared size, libarchive extends a file cut short (a bomb stopped, a
                // truncated archive) to that size when the writer is freed: a sparse file of
                // whatever size the header claimed. What is written is counted here instead.
                kiln_archive_entry_unset_size(entry)
            case .directory:
                kiln_archive_entry_set_perm(entry, 0o755)
            case .symlink:
                kiln_archive_entry_set_symlink(entry, admitted.linkTarget)
            case .hardLink:
                kiln_archive_entry_set_hardlink(entry, admitted.linkTarget)
                kiln_archive_entry_set_perm(entry, kiln_archive_entry_perm(entry) & 0o111 != 0 ? 0o755 : 0o644)
            case .unsupported:
                throw .unsupportedMemberType(archive: archive, member: member.name, kind: "special file")
            }
            if admitted.kind == .file, admitted.path == (tree.topLevel ?? "") + "/PKG-INFO",
               kiln_archive_entry_mtime_is_set(entry) != 0 {
                pkgInfoModificationTime = Int64(kiln_archive_entry_mtime(entry))
            }
            guard kiln_archive_write_header(writer, entry) >= ARCHIVE_WARN else {
                throw .writeFailed(archive: archive, member: member.name, reason: Self.message(writer))
            }
            if admitted.kind == .file || admitted.kind == .hardLink {
                try copyData(from: reader, to: writer, buffer: buffer, member: member.name, written: &written)
            }
            guard kiln_archive_write_finish_entry(writer) >= ARCHIVE_WARN else {
                throw .writeFailed(archive: archive, member: member.name, reason: Self.message(writer))
            }
        }
        guard let topLevel = tree.topLevel else { throw .empty(archive: archive) }
        // Directory modes and times are applied here, after their contents.
        guard kiln_archive_write_close(writer) >= ARCHIVE_WARN else {
            throw .writeFailed(archive: archive, member: topLevel, reason: Self.message(writer))
        }
        return Extracted(topLevel: topLevel, pkgInfoModificationTime: pkgInfoModificationTime)
    }

    /// Counts what is decompressed, not what headers declare, so a bomb stops one buffer past the bound.
    private func copyData(
        from reader: OpaquePointer, to writer: OpaquePointer, buffer: UnsafeMutableRawBufferPointer,
        member: String, written: inout UInt64
    ) throws(SdistUnpackError) {
        while true {
            let count = kiln_archive_read_data(reader, buffer.baseAddress, buffer.count)
            if count == 0 { return }
            guard count > 0 else {
                throw .corruptMember(archive: archive, member: member, reason: Self.message(reader))
            }
            written += UInt64(count)
            guard written <= limit else { throw .tooLarge(archive: archive, member: member, limit: limit) }
            let stored = kiln_archive_write_data(writer, buffer.baseAddress, count)
            guard stored == count else {
                throw .writeFailed(archive: archive, member: member, reason: Self.message(writer))
            }
        }
    }

    private static func member(_ entry: OpaquePointer) -> SdistMember {
        let name = text(kiln_archive_entry_pathname_utf8(entry) ?? kiln_archive_entry_pathname(entry))
        if let hardLink = kiln_archive_entry_hardlink_utf8(entry) ?? kiln_archive_entry_hardlink(entry) {
            return SdistMember(name: name, kind: .hardLink, linkTarget: String(cString: hardLink))
        }
        // AE_IF* are cast macros Swift does not import.
        switch kiln_archive_entry_filetype(entry) {
        case 0o100000: return SdistMember(name: name, kind: .file, linkTarget: nil)
        case 0o040000: return SdistMember(name: name, kind: .directory, linkTarget: nil)
        case 0o120000:
            let target = kiln_archive_entry_symlink_utf8(entry) ?? kiln_archive_entry_symlink(entry)
            return SdistMember(name: name, kind: .symlink, linkTarget: text(target))
        case 0o020000: return SdistMember(name: name, kind: .unsupported("character device"), linkTarget: nil)
        case 0o060000: return SdistMember(name: name, kind: .unsupported("block device"), linkTarget: nil)
        case 0o010000: return SdistMember(name: name, kind: .unsupported("FIFO"), linkTarget: nil)
        case 0o140000: return SdistMember(name: name, kind: .unsupported("socket"), linkTarget: nil)
        case let other: return SdistMember(name: name, kind: .unsupported("file of type \(String(other, radix: 8))"), linkTarget: nil)
        }
    }

    private static func text(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    /// libarchive's message, with the system's reason when it gave an errno but did not say it.
    private static func message(_ archive: OpaquePointer) -> String {
        let text = kiln_archive_error_string(archive).map { String(cString: $0) } ?? "unknown libarchive error"
        let code = kiln_archive_errno(archive)
        guard code > 0 else { return text }
        let reason = String(cString: strerror(code))
        return text.contains(reason) ? text : text + ": " + reason
    }
}
