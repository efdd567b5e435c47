import Foundation
import TestSupport
@testable import Cache

/// A cache root in a fresh temporary directory, and small file helpers the cache tests share.
struct TestCache {
    let directory: TemporaryDirectory
    let root: CacheRoot

    static func make(lockTimeout: Duration = .seconds(30)) async throws -> TestCache {
        let directory = try TemporaryDirectory("kiln-cache-test")
        let root = try await CacheRoot.open(at: directory.file("cache"), lockTimeout: lockTimeout)
        return TestCache(directory: directory, root: root)
    }

    var path: String { root.path }
}

enum Files {
    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Every path under `directory`, relative to it, sorted.
    static func tree(_ directory: String) -> [String] {
        ((FileManager.default.enumerator(atPath: directory)?.allObjects as? [String]) ?? []).sorted()
    }

    /// Names in `directory` that look like temporaries (`.x.tmp-…`).
    static func temporaries(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.contains(".tmp-") }
    }

    static func setModificationTime(_ path: String, secondsAgo: Int) {
        var times = [timespec(tv_sec: time(nil) - secondsAgo, tv_nsec: 0), timespec(tv_sec: time(nil) - secondsAgo, tv_nsec: 0)]
        _ = utimensat(AT_FDCWD, path, &times, AT_SYMLINK_NOFOLLOW)
    }

    /// A pid that no process has: past the kernel's pid_max.
    static let deadProcessID: Int32 = 4_194_304 + 17
}

/// Counts productions across concurrent tasks.
actor ProductionCounter {
    private(set) var count = 0
    func increment() { count += 1 }
}

struct ProducerFailure: Error, Equatable {}
