import Foundation
@testable import Install
import Testing
import TestSupport

/// Issue 9, item 6: a wheel unpacked onto a full file system fails with the system's error and
/// publishes nothing into the archive store (a truncated file would otherwise be linked into
/// every environment that installs the wheel).
@Suite(.enabled(if: WheelBuilder.python != nil, "needs a pyenv interpreter to build test wheels"))
struct FullDiskUnpackTests {
    /// A 1 MiB tmpfs, or nil (with the reason) where mounting is not allowed.
    private static func smallFileSystem(in parent: TemporaryDirectory) -> (String?, String) {
        let mountPoint = parent.file("small-fs")
        try? FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        guard let mounted = try? ProcessHelper.run("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint]) else {
            return (nil, "mount could not be run")
        }
        guard mounted.status == 0 else { return (nil, "mount refused: \(mounted.stderr)") }
        return (mountPoint, "")
    }

    @Test func aFullFileSystemIsAnErrorAndLeavesNoEntry() async throws {
        let place = try TemporaryDirectory("kiln-full-disk")
        let (mountPoint, reason) = Self.smallFileSystem(in: place)
        guard let mountPoint else {
            print("skipped: a full file system needs a tmpfs mount (\(reason))")
            return
        }
        defer { _ = try? ProcessHelper.run("/bin/umount", [mountPoint]) }

        let fixture = try await InstallFixture(cacheIn: mountPoint)
        var builder = WheelBuilder(name: "large", version: "1.0")
        // 3 MiB of zeros: a small wheel, whose contents do not fit the 1 MiB file system the cache is on.
        var blob = WheelBuilder.Member("large/blob.bin", "")
        blob.zeros = 3 << 20
        builder.files = [.init("large/__init__.py", ""), blob]
        let wheel = try fixture.build(builder)

        do {
            _ = try await fixture.service().install([WheelSource(path: wheel)])
            Issue.record("the wheel was installed onto a full file system")
        } catch {
            guard case .io(let systemError) = error else {
                Issue.record("expected an I/O error, got \(error)")
                return
            }
            #expect(systemError.code == ENOSPC, "\(systemError)")
            #expect(error.description.contains("No space left on device"), "\(error.description)")
        }
        #expect(fixture.publishedWheelEntries().isEmpty)
        #expect(fixture.environmentFiles().isEmpty)
    }
}
