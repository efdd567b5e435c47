#if canImport(Glibc)
import Glibc
#endif
import BuildFrontend
import SystemSupport

/// Turns a locked sdist (downloaded and hash-checked) into a wheel for `kiln sync`: an entry
/// whose lock lists no wheel for this interpreter.
public protocol LockedSdistBuilding: Sendable {
    /// The path of the wheel built from `sdist`, placed in `directory`.
    func wheel(from sdist: String, into directory: String) async throws(LockSyncError) -> String
}

/// The build frontend as `kiln sync`'s sdist builder: an isolated build for the target
/// interpreter, cached like every other build.
public struct FrontendSdistBuilder: LockedSdistBuilding {
    public let service: BuildService
    public let options: BuildOptions

    public init(service: BuildService, options: BuildOptions) {
        self.service = service
        self.options = options
    }

    public func wheel(from sdist: String, into directory: String) async throws(LockSyncError) -> String {
        do {
            return try await service.buildWheel(sdist: sdist, into: directory, options: options).path
        } catch {
            throw .build(filename: FileSystem.basename(of: sdist), message: error.description)
        }
    }
}

/// A directory of its own under the temporary directory for the wheels `kiln sync` builds,
/// removed once they are installed.
struct SyncScratchDirectory {
    let path: String

    static func make() throws(LockSyncError) -> SyncScratchDirectory {
        var template = Array(FileSystem.join(ProcessEnvironment.temporaryDirectory, "kiln-sync-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else { throw .install("cannot create a directory for built wheels under \(ProcessEnvironment.temporaryDirectory)") }
        return SyncScratchDirectory(path: template.withUnsafeBufferPointer { $0.baseAddress.map { String(cString: $0) } ?? "" })
    }

    func remove() {
        try? FileSystem.removeTree(path)
    }
}
