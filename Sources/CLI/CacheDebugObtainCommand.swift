#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Cache
import SystemSupport

/// A probe of the cache's concurrency guarantees on the filesystem it lives on. Several kiln
/// processes (or containers sharing one cache volume, where flock may not work) each obtain the
/// same archive-store entry; the one that produces it writes slowly, so the others must wait on
/// its lock. Hidden from `kiln --help`: it is a diagnostic, not an everyday command.
struct CacheDebugObtainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debug-obtain",
        abstract: "Check that cache locking and atomic publication work on this cache's filesystem.",
        discussion: """
            Obtains the archive-store entry debug-obtain-KEY.bin (SIZE bytes generated from KEY), \
            producing it if it is missing: the producer writes it in ten chunks over SLEEP_MS \
            milliseconds, then publishes it with a rename. Prints `produced PATH` or `reused PATH` \
            on stdout. Run it from many processes or containers that share the cache at once: \
            exactly one must print `produced`, all must print the same PATH, and killing any of \
            them must never leave a partial file at PATH. `kiln cache clean` removes the entries.
            """,
        shouldDisplay: false
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "Names the entry: letters, digits, '.', '-', '_'.")
    var key: String

    @Option(name: .customLong("size"), help: "Bytes in the entry.")
    var size: Int = 1 << 20

    @Option(name: .customLong("sleep-ms"), help: "How long producing the entry takes, in milliseconds.")
    var sleepMilliseconds: Int = 0

    func validate() throws {
        guard !key.isEmpty, key.utf8.allSatisfy({ Self.isKeyByte($0) }) else {
            throw ValidationError("KEY may hold only letters, digits, '.', '-' and '_'")
        }
        guard size >= 0, sleepMilliseconds >= 0 else { throw ValidationError("--size and --sleep-ms must not be negative") }
    }

    func run() async throws {
        let console = Console(options: options)
        try await CommandFailure.run(console) {
            let cache = try await options.openCache(console)
            let content = Self.content(key: key, size: size)
            let digest = ArchiveDigest.of(bytes: content)
            let chunkDelay = Duration.milliseconds(sleepMilliseconds) / 10
            let obtained = try await ArchiveStore(root: cache).obtain(
                digest, filename: "debug-obtain-\(key).bin", timeout: cache.lockTimeout, onWait: console.info
            ) { temporary in
                try await Self.writeSlowly(content, to: temporary, chunkDelay: chunkDelay)
            }
            console.result((obtained.wasProduced ? "produced " : "reused ") + obtained.path)
        }
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    /// The key's bytes repeated: anyone can recompute what a complete entry holds.
    static func content(key: String, size: Int) -> [UInt8] {
        var bytes = Array(key.utf8)
        // Doubling: a few large appends, not one per byte.
        while bytes.count < size { bytes.append(contentsOf: bytes.prefix(size - bytes.count)) }
        return Array(bytes.prefix(size))
    }

    /// Ten chunks with a pause before each, hashing as it writes, like a download would.
    private static func writeSlowly(_ content: [UInt8], to path: String, chunkDelay: Duration) async throws -> ArchiveDigest {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CacheError.io(SystemCallError("cannot create", path: path)) }
        defer { close(fd) }
        var hasher = SHA256Hasher()
        let chunkSize = max(1, (content.count + 9) / 10)
        var offset = 0
        repeat {
            try await Task.sleep(for: chunkDelay)
            let chunk = Array(content[offset..<min(offset + chunkSize, content.count)])
            hasher.update(chunk)
            try FileSystem.writeAll(fd: fd, bytes: chunk, path: path)
            offset += chunk.count
        } while offset < content.count
        return try ArchiveDigest(hex: hasher.finalizeHex())
    }
}
