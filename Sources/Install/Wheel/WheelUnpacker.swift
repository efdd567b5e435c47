#if canImport(Glibc)
import Glibc
#endif
import CArchive
import Cache
import PackagingModel
import SystemSupport

/// Validates a wheel and unpacks it once into the cache, keyed by the wheel's SHA-256: a second
/// install of the same file, into any environment, links from the same tree. A local wheel's
/// digest is remembered by its file identity (`LocalFileDigests`), so an unchanged file is not
/// read again.
public struct WheelUnpacker: Sendable {
    public let cache: CacheRoot
    public let lockTimeout: Duration

    public init(cache: CacheRoot, lockTimeout: Duration) {
        self.cache = cache
        self.lockTimeout = lockTimeout
    }

    public func unpack(
        _ wheelPath: String, knownDigest: ArchiveDigest? = nil, onWait: (String) -> Void = { _ in }
    ) async throws(InstallError) -> UnpackedWheel {
        let basename = FileSystem.basename(of: wheelPath)
        guard let filename = try? WheelFilename(basename) else { throw .badWheelFilename(basename) }
        guard FileSystem.exists(wheelPath) else { throw .wheelNotFound(wheelPath) }
        let digest: String
        if let knownDigest {
            digest = knownDigest.hex
        } else {
            do {
                digest = try LocalFileDigests(root: cache).digest(of: wheelPath).hex
            } catch {
                throw .cache(error)
            }
        }
        let entry: String
        do {
            entry = try cache.entryPath(.wheels, [digest])
        } catch {
            throw .cache(error)
        }
        do {
            _ = try await CacheEntry.obtain(
                entry, resource: "unpacking \(basename)", timeout: lockTimeout, onWait: onWait
            ) { temporary in
                try Self.validateAndExtract(wheelPath, filename: filename, into: temporary)
            }
        } catch let error as InstallError {
            throw error
        } catch let error as CacheError {
            throw .cache(error)
        } catch {
            throw .io(SystemCallError("cannot unpack", path: wheelPath, code: EIO))
        }
        return try UnpackedWheel.load(directory: entry, wheelPath: wheelPath, sha256: digest, filename: filename)
    }

    /// Everything is checked before anything leaves the private temporary directory.
    static func validateAndExtract(_ wheelPath: String, filename: WheelFilename, into temporary: String) throws(InstallError) {
        if let reason = kiln_archive_load_error() { throw .libraryUnavailable(String(cString: reason)) }
        let list: [ZipMember]
        do {
            list = try ZipDirectory.members(of: wheelPath)
        } catch {
            throw .invalidWheel(wheel: wheelPath, problems: [.malformed(file: filename.description, reason: error.description)])
        }
        let (layout, layoutProblems) = WheelValidator.checkLayout(list, filename: filename)
        guard let layout, layoutProblems.isEmpty else { throw .invalidWheel(wheel: wheelPath, problems: layoutProblems) }
        do {
            try FileSystem.createDirectories(temporary)
            let outcome = try ArchiveExtractor.extract(wheel: wheelPath, into: temporary, members: layout.members)
            guard outcome.problems.isEmpty else { throw InstallError.invalidWheel(wheel: wheelPath, problems: outcome.problems) }
            let problems = WheelValidator.checkContents(
                tree: temporary, layout: layout, extracted: outcome.extracted, filename: filename)
            guard problems.isEmpty else { throw InstallError.invalidWheel(wheel: wheelPath, problems: problems) }
        } catch let error as InstallError {
            throw error
        } catch let error as SystemCallError {
            throw .io(error)
        } catch {
            throw .io(SystemCallError("cannot unpack", path: wheelPath, code: EIO))
        }
    }
}
