#if canImport(Glibc)
import Glibc
#endif

extension ZipDirectory {
    /// Reads the central directory of the zip at `path` with `pread`, without touching member data.
    public static func members(of path: String) throws(ZipDirectoryError) -> [ZipMember] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(SystemCallError("cannot open", path: path)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(SystemCallError("cannot stat", path: path)) }
        let fileSize = UInt64(info.st_size)

        let tailLength = min(fileSize, UInt64(maximumTailLength))
        let tail = try readAt(fd, offset: fileSize - tailLength, count: Int(tailLength), path: path)
        let location: ZipDirectoryLocation
        switch try readTail(tail, archiveSize: fileSize, source: path) {
        case .directory(let found):
            location = found
        case .zip64Record(let offset):
            let record = try readAt(fd, offset: offset, count: zip64RecordLength, path: path)
            location = try zip64Location(record, archiveSize: fileSize, source: path)
        }
        let directory = try readAt(fd, offset: location.offset, count: Int(location.size), path: path)
        return try parse(directory, expected: location.entryCount, source: path)
    }

    private static func readAt(_ fd: Int32, offset: UInt64, count: Int, path: String) throws(ZipDirectoryError) -> [UInt8] {
        do {
            return try FileSystem.readRange(fd: fd, offset: offset, count: count, path: path)
        } catch {
            throw .io(error)
        }
    }
}
