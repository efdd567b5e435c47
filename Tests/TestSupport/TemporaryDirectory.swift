import Foundation

/// A directory under the system temp dir, removed (read-only parts included) when released.
public final class TemporaryDirectory: Sendable {
    public let path: String

    /// In `parent` when given (a test that needs another file system), else the system temp dir.
    public init(_ label: String = "kiln-test", in parent: String? = nil) throws {
        let base = parent.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? NSTemporaryDirectory()
        let template = base + "\(label)-XXXXXX"
        var bytes = Array(template.utf8CString)
        guard let created = mkdtemp(&bytes) else {
            throw CocoaError(.fileWriteUnknown)
        }
        path = String(cString: created)
    }

    public func file(_ relative: String) -> String { path + "/" + relative }

    deinit {
        _ = try? Self.makeWritable(path)
        try? FileManager.default.removeItem(atPath: path)
    }

    private static func makeWritable(_ root: String) throws {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return }
        chmod(root, 0o755)
        while let relative = enumerator.nextObject() as? String {
            let full = root + "/" + relative
            var info = stat()
            if lstat(full, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { chmod(full, 0o755) }
        }
    }
}
