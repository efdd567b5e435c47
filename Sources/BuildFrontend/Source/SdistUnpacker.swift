// PLACEHOLDER: replaced by the bf-unpack branch
//
// Minimal stand-in with the agreed public API: unpacks with the system's `tar` and `unzip` and
// checks only names (no absolute paths, no `..`) and the single top-level directory. The real
// unpacker (libarchive, links, devices, size bound while unpacking) comes from bf-unpack.
import SystemSupport

public struct SdistUnpacker: Sendable {
    public static let defaultMaxUnpackedSize: UInt64 = 2 << 30
    public let maxUnpackedSize: UInt64

    public init(maxUnpackedSize: UInt64 = SdistUnpacker.defaultMaxUnpackedSize) {
        self.maxUnpackedSize = maxUnpackedSize
    }

    /// KILN_MAX_UNPACKED_SIZE (bytes) or the default; a bad value is an error.
    public static func maxUnpackedSize(from environment: [String: String]) throws(SdistUnpackError) -> UInt64 {
        guard let text = environment["KILN_MAX_UNPACKED_SIZE"] else { return defaultMaxUnpackedSize }
        guard let value = UInt64(text), value > 0 else { throw .invalidLimit(text) }
        return value
    }

    /// Unpacks `archive` (.tar.gz/.tgz, .zip, .tar.bz2) into `destination`, an existing empty directory.
    public func unpack(_ archive: String, into destination: String) throws(SdistUnpackError) -> UnpackedSdist {
        let lowered = archive.lowercased()
        let isZip = lowered.hasSuffix(".zip")
        let list = isZip
            ? ProcessInvocation(executable: "/usr/bin/unzip", arguments: ["-Z1", archive])
            : ProcessInvocation(executable: "/usr/bin/tar", arguments: ["-tf", archive])
        let names = try run(list).split(separator: "\n").map(String.init)
        var tops = Set<String>()
        for name in names {
            if name.hasPrefix("/") || name.split(separator: "/").contains("..") { throw .unsafeMember(name) }
            if let top = name.split(separator: "/").first { tops.insert(String(top)) }
        }
        guard tops.count == 1, let top = tops.first, top != "." else { throw .notOneTopDirectory(archive) }
        let extract = isZip
            ? ProcessInvocation(executable: "/usr/bin/unzip", arguments: ["-q", archive, "-d", destination])
            : ProcessInvocation(executable: "/usr/bin/tar", arguments: ["-xf", archive, "-C", destination, "--no-same-owner", "--no-same-permissions"])
        _ = try run(extract)
        let root = FileSystem.join((try? FileSystem.realPath(destination)) ?? destination, top)
        let pkgInfo = FileSystem.join(root, "PKG-INFO")
        let mtime = (try? FileStatus.of(pkgInfo, followSymlinks: false))??.modificationSeconds
        return UnpackedSdist(root: root, pkgInfoModificationTime: mtime)
    }

    private func run(_ invocation: ProcessInvocation) throws(SdistUnpackError) -> String {
        let result: ProcessResult
        do {
            result = try ProcessRunner.runBlocking(invocation)
        } catch {
            throw .tool(error.description)
        }
        guard result.succeeded else { throw .tool(result.standardErrorText.isEmpty ? "\(invocation.executable) failed" : result.standardErrorText) }
        return result.standardOutputText
    }
}

public struct UnpackedSdist: Sendable, Equatable {
    public let root: String
    public let pkgInfoModificationTime: Int64?

    public init(root: String, pkgInfoModificationTime: Int64?) {
        self.root = root
        self.pkgInfoModificationTime = pkgInfoModificationTime
    }
}

public enum SdistUnpackError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidLimit(String)
    case unsafeMember(String)
    case notOneTopDirectory(String)
    case tool(String)

    public var description: String {
        switch self {
        case .invalidLimit(let text): return "KILN_MAX_UNPACKED_SIZE must be a positive number of bytes, not '\(text)'"
        case .unsafeMember(let name): return "the archive member \(name) would be written outside the destination"
        case .notOneTopDirectory(let archive): return "\(archive) does not hold exactly one top-level directory"
        case .tool(let message): return message
        }
    }
}
