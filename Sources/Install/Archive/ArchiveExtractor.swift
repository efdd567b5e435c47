#if canImport(Glibc)
import Glibc
#endif
import CArchive
import SystemSupport

/// A member written to disk: its size and SHA-256 as computed while it was written.
struct ExtractedMember: Sendable, Equatable {
    let size: UInt64
    let digest: [UInt8]
}

/// Decompresses a wheel's regular files with libarchive into a directory that is still private
/// (the cache entry's temporary name), hashing while writing and never writing past a member's
/// declared size. Names have been checked against `WheelMemberRules` before this runs.
enum ArchiveExtractor {
    struct Outcome {
        var extracted: [String: ExtractedMember] = [:]
        var problems: [WheelProblem] = []
    }

    static func extract(
        wheel: String, into destination: String, members: [String: ZipMember]
    ) throws(SystemCallError) -> Outcome {
        let root = try FileSystem.realPath(destination)
        var outcome = Outcome()
        guard let reader = kiln_archive_read_new() else { throw SystemCallError("cannot allocate an archive reader", path: wheel, code: ENOMEM) }
        defer { kiln_archive_read_free(reader) }
        // The seekable reader walks the central directory, the listing every other tool trusts.
        kiln_archive_read_support_format_zip_seekable(reader)
        guard kiln_archive_read_open_filename(reader, wheel, 1 << 16) == ARCHIVE_OK else {
            outcome.problems.append(.unreadableMember(member: "(archive)", reason: message(reader)))
            return outcome
        }
        guard let writer = kiln_archive_write_disk_new() else { throw SystemCallError("cannot allocate an archive writer", path: wheel, code: ENOMEM) }
        defer { kiln_archive_write_free(writer) }
        kiln_archive_write_disk_set_options(
            writer, ARCHIVE_EXTRACT_SECURE_NODOTDOT | ARCHIVE_EXTRACT_SECURE_SYMLINKS | ARCHIVE_EXTRACT_NO_OVERWRITE)

        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var header: OpaquePointer?
        while true {
            let status = kiln_archive_read_next_header(reader, &header)
            if status == ARCHIVE_EOF { break }
            guard status >= ARCHIVE_WARN, let header else {
                outcome.problems.append(.unreadableMember(member: "(archive)", reason: message(reader)))
                break
            }
            let cName = kiln_archive_entry_pathname_utf8(header) ?? kiln_archive_entry_pathname(header)
            guard let cName, let member = members[String(cString: cName)], !member.isDirectory else {
                kiln_archive_read_data_skip(reader)
                continue
            }
            let name = member.name
            let target = root + "/" + name
            try FileSystem.createDirectories(FileSystem.parent(of: target))
            guard let entry = kiln_archive_entry_new() else { throw SystemCallError("cannot allocate an archive entry", code: ENOMEM) }
            defer { kiln_archive_entry_free(entry) }
            kiln_archive_entry_set_pathname(entry, target)
            kiln_archive_entry_set_filetype(entry, 0o100000)  // AE_IFREG: a cast macro Swift does not import
            kiln_archive_entry_set_perm(entry, member.isExecutable ? 0o755 : 0o644)
            kiln_archive_entry_set_size(entry, la_int64_t(member.uncompressedSize))
            guard kiln_archive_write_header(writer, entry) == ARCHIVE_OK else {
                throw writeFailure(writer, path: target)
            }
            var hasher = SHA256Hasher()
            var total: UInt64 = 0
            var failed = false
            while true {
                let count = buffer.withUnsafeMutableBytes { kiln_archive_read_data(reader, $0.baseAddress, $0.count) }
                if count == 0 { break }
                if count < 0 {
                    outcome.problems.append(.unreadableMember(member: name, reason: message(reader)))
                    failed = true
                    break
                }
                total += UInt64(count)
                // A size-lying member (a zip bomb) is stopped here, one buffer past its declaration.
                if total > member.uncompressedSize {
                    outcome.problems.append(.exceedsDeclaredSize(member: name, declared: member.uncompressedSize))
                    failed = true
                    break
                }
                let written = buffer.withUnsafeBytes { chunk in
                    let slice = UnsafeRawBufferPointer(rebasing: chunk[0..<count])
                    hasher.update(slice)
                    return kiln_archive_write_data(writer, slice.baseAddress, count)
                }
                // A short write (a full disk, a file size limit) must never be published: the
                // entry would be linked into every environment as a truncated file.
                guard written == count else { throw writeFailure(writer, path: target) }
            }
            guard kiln_archive_write_finish_entry(writer) == ARCHIVE_OK else { throw writeFailure(writer, path: target) }
            if failed { return outcome }
            outcome.extracted[name] = ExtractedMember(size: total, digest: hasher.finalizeBytes())
        }
        guard kiln_archive_write_close(writer) == ARCHIVE_OK else { throw writeFailure(writer, path: root) }
        for (name, member) in members where !member.isDirectory && outcome.extracted[name] == nil {
            outcome.problems.append(.unreadableMember(member: name, reason: "the archive reader did not return it"))
        }
        return outcome
    }

    /// The writer's failure as the system error it is (ENOSPC, EFBIG, EIO), naming the file.
    private static func writeFailure(_ writer: OpaquePointer, path: String) -> SystemCallError {
        let code = kiln_archive_errno(writer)
        return SystemCallError("cannot write", path: path, code: code > 0 ? code : EIO)
    }

    private static func message(_ archive: OpaquePointer) -> String {
        kiln_archive_error_string(archive).map { String(cString: $0) } ?? "unknown libarchive error"
    }
}
