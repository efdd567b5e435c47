#if canImport(Glibc)
import Glibc
#endif
import SystemSupport

/// Immutable bytes a parsed page is read from: a file mapped read-only (nothing is copied), or bytes just encoded in memory. Unmapped or freed when
/// the last reader lets go.
final class PageBytes: @unchecked Sendable {
    // Sendable: the bytes are never written after init; the mapping is private and read-only.
    let bytes: UnsafeRawBufferPointer
    private let release: Release

    private enum Release {
        case unmap
        case deallocate
        case nothing
    }

    private init(bytes: UnsafeRawBufferPointer, release: Release) {
        self.bytes = bytes
        self.release = release
    }

    /// The file at `path` mapped read-only; nil if it is missing or cannot be mapped (the caller
    /// rebuilds it: a parsed page is only ever a faster path to what the response holds). Cache
    /// entries are replaced by renaming a new file over them, never truncated in place, so a
    /// mapping keeps its bytes (no SIGBUS) even when the entry is replaced while it is read.
    static func mapping(_ path: String) -> PageBytes? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { return nil }
        let size = Int(status.st_size)
        guard size > 0 else { return PageBytes(bytes: UnsafeRawBufferPointer(start: nil, count: 0), release: .nothing) }
        // The checksum check reads every byte at once: map them in with one call rather than
        // one page fault per few pages.
        #if os(Linux)
        let flags = MAP_PRIVATE | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let address = mmap(nil, size, PROT_READ, flags, fd, 0), address != MAP_FAILED else { return nil }
        return PageBytes(bytes: UnsafeRawBufferPointer(start: address, count: size), release: .unmap)
    }

    /// A copy of `array` that lives as long as this object.
    static func copying(_ array: [UInt8]) -> PageBytes {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(array.count, 1), alignment: 8)
        array.withUnsafeBytes { source in
            if let base = source.baseAddress, let target = buffer.baseAddress { target.copyMemory(from: base, byteCount: source.count) }
        }
        return PageBytes(bytes: UnsafeRawBufferPointer(rebasing: buffer[0..<array.count]), release: .deallocate)
    }

    deinit {
        switch release {
        case .unmap: munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
        case .deallocate: UnsafeMutableRawPointer(mutating: bytes.baseAddress)?.deallocate()
        case .nothing: break
        }
    }
}
