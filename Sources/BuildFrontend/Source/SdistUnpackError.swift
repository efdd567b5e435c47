#if canImport(Glibc)
import Glibc
#endif

/// Why an sdist could not be unpacked. Every refusal names the archive (as the caller gave it)
/// and the member, so a user can look inside the file and see what kiln saw.
public enum SdistUnpackError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libarchive could not be loaded (its package is missing).
    case libraryUnavailable(reason: String)
    /// `KILN_MAX_UNPACKED_SIZE` is not a positive whole number of bytes.
    case invalidSizeLimit(value: String)
    /// The destination is missing, not a directory, or not empty.
    case destinationUnusable(destination: String, reason: String)
    /// The file cannot be opened or is not a tar (gzip, bzip2, xz or plain) or zip archive, or
    /// its listing is damaged.
    case unreadable(archive: String, reason: String)
    /// A member's data could not be decompressed (a truncated or corrupt archive).
    case corruptMember(archive: String, member: String, reason: String)
    case empty(archive: String)
    case absolutePath(archive: String, member: String)
    case parentDirectoryComponent(archive: String, member: String)
    /// A member at the top of the archive beside the top-level directory.
    case outsideTopLevelDirectory(archive: String, member: String, topLevel: String?)
    case multipleTopLevelDirectories(archive: String, first: String, second: String, member: String)
    /// A device node, FIFO or socket: `kind` says which.
    case unsupportedMemberType(archive: String, member: String, kind: String)
    case symlinkOutsideTree(archive: String, member: String, target: String)
    /// A link target with `..` after a name: where it lands depends on what that name is.
    case symlinkTargetNotNormalized(archive: String, member: String, target: String)
    case hardLinkOutsideTree(archive: String, member: String, target: String)
    /// A hard link to something not extracted before it as a regular file.
    case hardLinkToMissingFile(archive: String, member: String, target: String)
    case writesThroughSymlink(archive: String, member: String, symlink: String)
    case parentNotDirectory(archive: String, member: String, parent: String)
    case duplicateMember(archive: String, member: String)
    /// More than `limit` bytes came out of the archive; `member` was being written.
    case tooLarge(archive: String, member: String, limit: UInt64)
    /// libarchive could not write a member (a full disk, a permission problem).
    case writeFailed(archive: String, member: String, reason: String)

    public var description: String {
        switch self {
        case .libraryUnavailable(let reason):
            return "cannot unpack sdists: \(reason)"
        case .invalidSizeLimit(let value):
            return "KILN_MAX_UNPACKED_SIZE must be a positive whole number of bytes, not '\(value)'"
        case .destinationUnusable(let destination, let reason):
            return "cannot unpack into \(destination): \(reason)"
        case .unreadable(let archive, let reason):
            return "cannot read \(archive) as a tar or zip archive: \(reason)"
        case .corruptMember(let archive, let member, let reason):
            return "cannot unpack \(archive): member '\(member)' is damaged: \(reason)"
        case .empty(let archive):
            return "cannot unpack \(archive): it holds no files (an sdist holds one top-level directory)"
        case .absolutePath(let archive, let member):
            return refusal(archive, member, "is an absolute path")
        case .parentDirectoryComponent(let archive, let member):
            return refusal(archive, member, "climbs out with '..'")
        case .outsideTopLevelDirectory(let archive, let member, let topLevel):
            let top = topLevel.map { "top-level directory '\($0)/'" } ?? "top-level directory"
            return refusal(archive, member, "lies outside the \(top); an sdist holds everything in one directory")
        case .multipleTopLevelDirectories(let archive, let first, let second, let member):
            return refusal(archive, member, "starts a second top-level directory '\(second)/' beside '\(first)/'; an sdist has exactly one")
        case .unsupportedMemberType(let archive, let member, let kind):
            return refusal(archive, member, "is a \(kind); an sdist holds only files, directories and links")
        case .symlinkOutsideTree(let archive, let member, let target):
            return refusal(archive, member, "is a symbolic link to '\(target)', which points out of the unpacked tree")
        case .symlinkTargetNotNormalized(let archive, let member, let target):
            return refusal(archive, member, "is a symbolic link to '\(target)', whose '..' after a name cannot be checked without following links")
        case .hardLinkOutsideTree(let archive, let member, let target):
            return refusal(archive, member, "is a hard link to '\(target)', which is outside the unpacked tree")
        case .hardLinkToMissingFile(let archive, let member, let target):
            return refusal(archive, member, "is a hard link to '\(target)', which is not a file unpacked before it")
        case .writesThroughSymlink(let archive, let member, let symlink):
            return refusal(archive, member, "would be written through the symbolic link '\(symlink)'")
        case .parentNotDirectory(let archive, let member, let parent):
            return refusal(archive, member, "lies under '\(parent)', which is not a directory")
        case .duplicateMember(let archive, let member):
            return refusal(archive, member, "appears twice, or replaces a directory")
        case .tooLarge(let archive, let member, let limit):
            return "cannot unpack \(archive): it unpacks to more than \(limit) bytes (stopped in '\(member)'); "
                + "raise KILN_MAX_UNPACKED_SIZE (bytes, default \(SdistUnpacker.defaultMaxUnpackedSize)) if the sdist is genuine"
        case .writeFailed(let archive, let member, let reason):
            return "cannot unpack \(archive): writing '\(member)' failed: \(reason)"
        }
    }

    private func refusal(_ archive: String, _ member: String, _ reason: String) -> String {
        "refusing to unpack \(archive): member '\(member)' \(reason)"
    }
}
