#if canImport(Glibc)
import Glibc
#endif
import SystemSupport

/// The compiled forms of a module that uninstall removes with it: `__pycache__/<stem>.*.pyc`
/// (any interpreter, any optimisation level) and a Python 2 style `<stem>.pyc` beside it.
enum BytecodeFiles {
    static func remove(for source: String) {
        let directory = FileSystem.parent(of: source)
        let stem = String(FileSystem.basename(of: source).dropLast(".py".count))
        unlink(FileSystem.join(directory, stem + ".pyc"))
        let cache = FileSystem.join(directory, "__pycache__")
        guard let names = try? FileSystem.listDirectory(cache) else { return }
        for name in names where name.hasPrefix(stem + ".") && name.hasSuffix(".pyc") {
            unlink(FileSystem.join(cache, name))
        }
        rmdir(cache)
    }
}
