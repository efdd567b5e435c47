import Foundation
import PackagingModel
import SystemSupport
import Testing
import TestSupport
@testable import Cache

@Suite struct CacheRootTests {
    @Test func lockTimeoutComesFromTheEnvironment() throws {
        #expect(try CacheRoot.lockTimeout(environment: [:]) == .seconds(600))
        #expect(try CacheRoot.lockTimeout(environment: ["KILN_LOCK_TIMEOUT": "2.5"]) == .milliseconds(2500))
        #expect(throws: CacheError.invalidLockTimeout("soon")) { try CacheRoot.lockTimeout(environment: ["KILN_LOCK_TIMEOUT": "soon"]) }
        #expect(throws: CacheError.invalidLockTimeout("-1")) { try CacheRoot.lockTimeout(environment: ["KILN_LOCK_TIMEOUT": "-1"]) }
    }

    @Test func defaultPathOrder() {
        #expect(CacheRoot.defaultPath(cacheDir: "/a", environment: ["KILN_CACHE_DIR": "/b"]) == "/a")
        #expect(CacheRoot.defaultPath(cacheDir: nil, environment: ["KILN_CACHE_DIR": "/b", "XDG_CACHE_HOME": "/c"]) == "/b")
        #expect(CacheRoot.defaultPath(cacheDir: nil, environment: ["XDG_CACHE_HOME": "/c", "HOME": "/h"]) == "/c/kiln")
        #expect(CacheRoot.defaultPath(cacheDir: nil, environment: ["HOME": "/h"]) == "/h/.cache/kiln")
    }

    @Test func temporaryRootIsRemovedWhenReleased() async throws {
        var root: CacheRoot? = try await CacheRoot.temporary(lockTimeout: .seconds(5))
        let path = try #require(root?.path)
        _ = try root?.bucket(.archives)
        #expect(Files.exists(path + "/archives-v1"))
        root = nil
        #expect(!Files.exists(path))
    }

    @Test func sharedUsersDoNotBlockEachOtherButExclusiveWaitsForThem() async throws {
        let directory = try TemporaryDirectory()
        let first = try await CacheRoot.open(at: directory.file("cache"), lockTimeout: .seconds(1))
        let second = try await CacheRoot.open(at: directory.file("cache"), lockTimeout: .seconds(1))
        await #expect(throws: CacheError.self) {
            _ = try await CacheRoot.openExclusively(at: directory.file("cache"), lockTimeout: .milliseconds(50))
        }
        _ = (first, second)
    }

    @Test func packageDirectoriesUseTheNormalisedName() async throws {
        let cache = try await TestCache.make()
        let name = try PackageName("Zope.Interface")
        #expect(try cache.root.packageDirectory(.wheels, name) == cache.path + "/wheels-v1/zope-interface")
    }
}

@Suite struct AbandonedTemporaryCachesTests {
    @Test func aNewTemporaryCacheSweepsUpThoseOfKilledProcesses() async throws {
        let base = try TemporaryDirectory()
        let dead = base.file("kiln-no-cache-\(Files.deadProcessID)-7")
        let deadButLocked = base.file("kiln-no-cache-\(Files.deadProcessID)-8")
        let alive = base.file("kiln-no-cache-\(getpid())-9")
        let unrelated = base.file("kiln-no-cache-notes")
        for directory in [dead, deadButLocked, alive, unrelated] { try Files.write("x", to: directory + "/archives-v1/f") }
        try Files.write("", to: deadButLocked + "/.lock")
        let holder = try #require(try FileLock.tryAcquire(deadButLocked + "/.lock", mode: .shared))

        AbandonedTemporaryCaches.sweep(in: base.path)

        #expect(!Files.exists(dead))
        #expect(Files.exists(deadButLocked), "a cache whose lock is held is in use")
        #expect(Files.exists(alive))
        #expect(Files.exists(unrelated))
        holder.release()
    }

    @Test func namesCarryThePid() {
        #expect(AbandonedTemporaryCaches.processID(inName: "kiln-no-cache-42-123") == 42)
        #expect(AbandonedTemporaryCaches.processID(inName: "kiln-no-cache-42") == nil)
        #expect(AbandonedTemporaryCaches.processID(inName: "kiln-no-cache-x-1") == nil)
    }
}
