import PackagingModel
import Testing
@testable import Lock

@Suite struct SyncPlanTests {
    func plan(_ lock: PackageLock, python: String = "3.12.4", minor: Int = 12, selection: SyncSelection = SyncSelection(),
              installed: [(String, String)] = [], exact: Bool = true) throws -> SyncPlan {
        try lock.syncPlan(
            environment: LockFixtures.environment(python: python), tags: LockFixtures.tags(minor), selection: selection,
            installed: try installed.map { InstalledPackage(name: try PackageName($0.0), version: $0.1) },
            removeExtraneous: exact, source: "pylock.toml")
    }

    @Test func picksTheEntryForThisPythonAndItsBestWheel() throws {
        let lock = try LockFileTests.sample()
        let on312 = try plan(lock)
        #expect(on312.install.map { "\($0.name.normalized)==\($0.version) \($0.file.filename ?? "")" } == [
            "idna==3.10 idna-3.10-py3-none-any.whl",
            "numpy==2.2.6 numpy-2.2.6-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
        ])
        let on38 = try plan(lock, python: "3.8.18", minor: 8)
        #expect(on38.install.map(\.version.description) == ["3.10", "1.24.4"])
    }

    @Test func aMissingWheelFallsBackToTheSdist() throws {
        let lock = try LockFileTests.sample()
        let on311 = try plan(lock, python: "3.11.7", minor: 11)
        let numpy = try #require(on311.install.first { $0.name.normalized == "numpy" })
        #expect(numpy.kind == .sdist)
        #expect(numpy.file.filename == "numpy-2.2.6.tar.gz")
    }

    @Test func extrasSelectTheirEntries() throws {
        let lock = try LockFileTests.sample()
        let socks = try plan(lock, selection: SyncSelection(extras: [try ExtraName("socks")]))
        #expect(socks.install.map(\.name.normalized) == ["idna", "numpy", "pysocks"])
        #expect(throws: PylockError.unknownSelection(source: "pylock.toml", kind: "extra", name: "nope", known: ["socks"])) {
            _ = try plan(lock, selection: SyncSelection(extras: [try ExtraName("nope")]))
        }
    }

    @Test func installsReplacesAndRemoves() throws {
        let lock = try LockFileTests.sample()
        let result = try plan(lock, installed: [("idna", "3.10"), ("numpy", "1.26.0"), ("six", "1.16.0")])
        #expect(result.install.isEmpty)
        #expect(result.unchanged.map(\.name.normalized) == ["idna"])
        #expect(result.replace.map { "\($0.pick.name.normalized) \($0.installedVersion) -> \($0.pick.version)" } == ["numpy 1.26.0 -> 2.2.6"])
        #expect(result.remove.map(\.name.normalized) == ["six"])
        let inexact = try plan(lock, installed: [("idna", "3.10"), ("numpy", "2.2.6"), ("six", "1.16.0")], exact: false)
        #expect(inexact.changesNothing)
    }

    @Test func refusesAnotherPlatformOrPython() throws {
        let lock = try LockFileTests.sample()
        var windows = LockFixtures.linux312
        windows.sysPlatform = "win32"
        #expect(throws: PylockError.self) {
            _ = try lock.syncPlan(environment: windows, tags: LockFixtures.tags(12), selection: SyncSelection(), installed: [],
                                  removeExtraneous: true, source: "pylock.toml")
        }
        #expect(throws: PylockError.pythonNotCovered(source: "pylock.toml", python: "3.7.9", requiresPython: ">=3.8")) {
            _ = try plan(lock, python: "3.7.9", minor: 7)
        }
    }

    @Test func overlappingMarkersAreAnError() throws {
        var lock = try LockFileTests.sample()
        lock.packages.append(try LockFixtures.package("idna", "3.9", wheels: ["idna-3.9-py3-none-any.whl"]))
        #expect(throws: PylockError.ambiguousPackage(source: "pylock.toml", name: "idna", versions: ["3.10", "3.9"])) {
            _ = try plan(lock)
        }
    }

    @Test func readsUVsLockForThisPython() throws {
        let lock = try PackageLock(text: try LockFixtures.text("uv-export.pylock.toml"))
        let result = try plan(lock)
        #expect(result.install.map { "\($0.name.normalized)==\($0.version)" } == ["idna==3.17", "iniconfig==2.3.0", "numpy==2.4.6", "pysocks==1.7.1"])
        #expect(result.install.allSatisfy { $0.kind == .wheel })
    }
}
