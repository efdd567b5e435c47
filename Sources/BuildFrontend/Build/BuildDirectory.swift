#if canImport(Glibc)
import Glibc
#endif
import SystemSupport

/// A build's private directory under the temporary directory: `mkdtemp`, so two builds (in one
/// process or many) never share one. Removed when the build ends. Public for callers that need a
/// private directory for built wheels (an install run).
public struct BuildDirectory: Sendable {
    public let path: String

    public static func make(prefix: String) throws(BuildError) -> BuildDirectory {
        let safe = String(prefix.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" ? $0 : "_" }.prefix(60))
        var template = Array(FileSystem.join(ProcessEnvironment.temporaryDirectory, "kiln-build-\(safe)-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else { throw .io(SystemCallError("cannot create a build directory", path: ProcessEnvironment.temporaryDirectory)) }
        let path = template.withUnsafeBufferPointer { $0.baseAddress.map { String(cString: $0) } ?? "" }
        return BuildDirectory(path: path)
    }

    func subdirectory(_ name: String) throws(BuildError) -> String {
        let path = FileSystem.join(self.path, name)
        do {
            try FileSystem.createDirectories(path)
        } catch {
            throw .io(error)
        }
        return path
    }

    public func remove() {
        try? FileSystem.removeTree(path)
    }
}
