import Cache
import Foundation
@testable import Install
import TestSupport

/// A temporary directory holding a cache, a place for built wheels, and a `--target` style
/// environment; enough to drive `InstallService` without any interpreter.
final class InstallFixture: Sendable {
    let directory: TemporaryDirectory
    /// Set when the cache lives elsewhere (another file system).
    let cacheDirectory: TemporaryDirectory?
    let cache: CacheRoot
    let target: InstallTarget

    init(cacheIn cacheParent: String? = nil) async throws {
        directory = try TemporaryDirectory("kiln-install")
        try FileManager.default.createDirectory(atPath: directory.file("wheels"), withIntermediateDirectories: true)
        cacheDirectory = try cacheParent.map { try TemporaryDirectory("kiln-install-cache", in: $0) }
        cache = try await CacheRoot.open(at: cacheDirectory?.file("cache") ?? directory.file("cache"), lockTimeout: .seconds(30))
        target = InstallTarget.directory(directory.file("env"), pythonExecutable: "/usr/bin/python3")
    }

    var wheels: String { directory.file("wheels") }
    var root: String { target.root }

    func service() -> InstallService {
        InstallService(cache: cache, target: target, lockTimeout: .seconds(30))
    }

    func build(_ builder: WheelBuilder) throws -> String { try builder.build(in: wheels) }

    /// Every file under the environment, relative, state directory excluded.
    func environmentFiles() -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasPrefix(".kiln") { continue }
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory)
            if !isDirectory.boolValue { files.append(relative) }
        }
        return files.sorted()
    }

    /// Names published in the unpacked-wheel bucket (temporaries and lock files excluded).
    func publishedWheelEntries() -> [String] {
        let bucket = cache.path + "/wheels-v1"
        return ((try? FileManager.default.contentsOfDirectory(atPath: bucket)) ?? []).filter { !$0.hasPrefix(".") }
    }
}

/// A small, valid wheel: a package, a module, a console script, a `.data` script and data file.
func demoWheel(version: String = "1.0", extraModule: String? = nil) -> WheelBuilder {
    var builder = WheelBuilder(name: "demo", version: version)
    builder.files = [
        .init("demo/__init__.py", "VERSION = '\(version)'\n"),
        .init("demo/cli.py", "def main():\n    print('demo ' + __import__('demo').VERSION)\n    return 0\n"),
        .init("demo-\(version).data/scripts/demo-raw", "#!python\nprint('raw')\n"),
        .init("demo-\(version).data/data/share/demo/readme.txt", "data file\n"),
        .init("demo-\(version).data/headers/demo.h", "int demo(void);\n"),
    ]
    if let extraModule { builder.files.append(.init("demo/\(extraModule).py", "X = 1\n")) }
    builder.entryPoints = "[console_scripts]\ndemo = demo.cli:main\n\n[gui_scripts]\ndemo-gui = demo.cli:main\n"
    return builder
}
