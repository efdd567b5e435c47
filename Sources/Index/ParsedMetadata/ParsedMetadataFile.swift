#if canImport(Glibc)
import Glibc
#endif

/// The bytes of a parsed metadata entry, read whole into memory. Entries are a few hundred bytes:
/// measured on the 40-package resolution, mapping them (`PageBytes.mapping`) cost more than the
/// read itself, as `mmap` and the `munmap` when the mapping is let go (a TLB shootdown across
/// the process's threads) came to about 1.2% of the run, where one `read` is a copy of a few
/// hundred bytes. Project pages, which are large and read in part, are mapped.
enum ParsedMetadataFile {
    /// Far above any entry: a file this large is not one, and is not read.
    static let sizeLimit = 1 << 20

    /// nil when the file is missing, unreadable or implausibly large (the caller rebuilds it).
    static func bytes(at path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_size <= sizeLimit else { return nil }
        let size = Int(status.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress.map { $0 + filled }, size - filled) }
            if count < 0 && errno == EINTR { continue }
            // Cut short while read: what was read is checked like any entry (and fails).
            guard count > 0 else { break }
            filled += count
        }
        bytes.removeSubrange(filled...)
        return bytes
    }
}
