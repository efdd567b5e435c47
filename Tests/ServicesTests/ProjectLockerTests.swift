import Lock
import PackagingModel
import Resolver
import Services
import TestSupport
import Testing

/// `kiln lock`'s service over a loopback index whose versions need different Pythons.
@Suite struct ProjectLockerTests {
    /// alpha 1.0 (>=3.8), 2.0 (>=3.10), 3.0 (>=3.12, needs gamma); beta 1.0 (<3.11) and 2.0
    /// (>=3.11); gamma 1.0; delta 1.0.
    static func repository() throws -> PackageRepository {
        let repository = try PackageRepository()
        try repository.wheel("alpha", "1.0", requiresPython: ">=3.8")
        try repository.wheel("alpha", "2.0", requiresPython: ">=3.10")
        try repository.wheel("alpha", "3.0", requires: ["gamma"], requiresPython: ">=3.12")
        try repository.wheel("beta", "1.0", requiresPython: ">=3.8,<3.11")
        try repository.wheel("beta", "2.0", requiresPython: ">=3.11")
        try repository.wheel("gamma", "1.0")
        try repository.wheel("delta", "1.0")
        return repository
    }

    static func inputs(_ dependencies: [String], extras: String = "", groups: String = "") throws -> LockInputs {
        let list = dependencies.map { "\"\($0)\"" }.joined(separator: ", ")
        let text = """
            [project]
            name = "sample"
            version = "0.1"
            requires-python = ">=3.8"
            dependencies = [\(list)]
            \(extras)
            \(groups)
            """
        return try LockInputs(pyproject: try PyProject(text: text), source: "pyproject.toml")
    }

    static let platform = PlatformTarget(.linuxX86_64, libc: .glibc(LibcVersion(2, 36)))

    func lock(_ rig: ServicesTestRig, _ inputs: LockInputs, strategy: ForkStrategy = .requiresPython,
              existing: PackageLock? = nil, upgrade: UpgradePolicy = .none) async throws -> LockOutcome {
        let locker = ProjectLocker(index: try rig.index())
        return try await locker.lock(LockRequest(
            inputs: inputs, platform: Self.platform, strategy: strategy, maxMinor: 13, upgrade: upgrade, existing: existing,
            indexURL: "https://example.invalid/simple"))
    }

    static func entries(_ lock: PackageLock) -> [String] {
        lock.packages.sorted { ($0.name.normalized, $0.version?.description ?? "") < ($1.name.normalized, $1.version?.description ?? "") }
            .map { "\($0.name.normalized)==\($0.version?.description ?? "?") ; \($0.marker?.description ?? "-")" }
    }

    @Test func eachPythonGetsTheNewestVersionThatSupportsIt() async throws {
        let rig = try await ServicesTestRig(try Self.repository())
        let outcome = try await lock(rig, try Self.inputs(["alpha"]))
        #expect(outcome.forks.map(\.python) == ["3.8", "3.9", "3.10", "3.11", "3.12", "3.13"])
        #expect(Self.entries(outcome.lock) == [
            "alpha==1.0 ; python_version < \"3.10\"",
            "alpha==2.0 ; python_version >= \"3.10\" and python_version < \"3.12\"",
            "alpha==3.0 ; python_version >= \"3.12\"",
            "gamma==1.0 ; python_version >= \"3.12\"",
        ])
        let alpha3 = try #require(outcome.lock.packages.first { $0.version?.description == "3.0" })
        #expect(alpha3.dependencies == [LockedDependency(name: try PackageName("gamma"))])
        #expect(alpha3.requiresPython?.description == ">=3.12")
        guard case .distributions(nil, let wheels) = alpha3.source else {
            Issue.record("alpha 3.0 should have wheels only")
            return
        }
        #expect(wheels.map(\.filename) == ["alpha-3.0-py3-none-any.whl"])
        #expect(wheels.first?.uploadTime?.text == "2024-01-01T00:00:00Z")
        #expect(wheels.first?.sha256?.count == 64)
        #expect(outcome.lock.environments.map(\.description) == ["sys_platform == \"linux\" and platform_machine == \"x86_64\""])
    }

    @Test func theSameInputsGiveTheSameBytes() async throws {
        let rig = try await ServicesTestRig(try Self.repository())
        let inputs = try Self.inputs(["alpha", "beta"])
        let first = try await lock(rig, inputs).lock.tomlText()
        let second = try await lock(rig, inputs).lock.tomlText()
        #expect(first == second)
        // And the text reads back to the same text.
        #expect(try PackageLock(text: first).tomlText() == first)
    }

    @Test func fewestKeepsOneVersionWhereOneWorks() async throws {
        let rig = try await ServicesTestRig(try Self.repository())
        let outcome = try await lock(rig, try Self.inputs(["alpha", "beta"]), strategy: .fewest)
        #expect(Self.entries(outcome.lock) == [
            "alpha==1.0 ; -",
            "beta==1.0 ; python_version < \"3.11\"",
            "beta==2.0 ; python_version >= \"3.11\"",
        ])
    }

    @Test func relockingKeepsPinsUnlessUpgraded() async throws {
        let rig = try await ServicesTestRig(try Self.repository())
        let inputs = try Self.inputs(["alpha"])
        let old = try await lock(rig, inputs, strategy: .fewest).lock
        #expect(Self.entries(old) == ["alpha==1.0 ; -"])
        let kept = try await lock(rig, inputs, existing: old).lock
        #expect(Self.entries(kept) == ["alpha==1.0 ; -"])
        let upgraded = try await lock(rig, inputs, existing: old, upgrade: .all).lock
        #expect(Self.entries(upgraded).count == 4)
        let named = try await lock(rig, inputs, existing: old, upgrade: .packages([try PackageName("alpha")])).lock
        #expect(Self.entries(named) == Self.entries(upgraded))
    }

    @Test func extrasAndGroupsGetTheirMarkers() async throws {
        let rig = try await ServicesTestRig(try Self.repository())
        let inputs = try Self.inputs(
            ["gamma"], extras: "[project.optional-dependencies]\nextra-one = [\"delta\"]",
            groups: "[dependency-groups]\ndev = [\"delta\", \"beta\"]")
        let outcome = try await lock(rig, inputs)
        #expect(outcome.lock.extras.map(\.normalized) == ["extra-one"])
        #expect(outcome.lock.dependencyGroups.map(\.normalized) == ["dev"])
        #expect(Self.entries(outcome.lock) == [
            "beta==1.0 ; python_version < \"3.11\" and \"dev\" in dependency_groups",
            "beta==2.0 ; python_version >= \"3.11\" and \"dev\" in dependency_groups",
            "delta==1.0 ; \"extra-one\" in extras or \"dev\" in dependency_groups",
            "gamma==1.0 ; -",
        ])
    }

    @Test func pythonsTheProjectExcludesAreNotLocked() async throws {
        let rig = try await ServicesTestRig(try Self.repository())
        let text = "[project]\nname = \"s\"\nversion = \"1\"\nrequires-python = \">=3.9,!=3.10.*,<3.12\"\ndependencies = [\"alpha\"]\n"
        let outcome = try await lock(rig, try LockInputs(pyproject: try PyProject(text: text), source: "pyproject.toml"))
        #expect(outcome.forks.map(\.python) == ["3.9", "3.11"])
        #expect(Self.entries(outcome.lock) == ["alpha==1.0 ; python_version < \"3.11\"", "alpha==2.0 ; python_version >= \"3.11\""])
    }

    @Test func lockingStopsAtThePythonNothingSupports() async throws {
        let repository = try PackageRepository()
        try repository.wheel("capped", "1.0", requiresPython: ">=3.8,<3.11")
        let rig = try await ServicesTestRig(repository)
        let outcome = try await lock(rig, try Self.inputs(["capped"]))
        #expect(outcome.forks.map(\.python) == ["3.8", "3.9", "3.10"])
        #expect(outcome.stoppedBelow == 11)
        // Printed sorted, as packaging prints a SpecifierSet.
        #expect(outcome.lock.requiresPython?.description == "<3.11,>=3.8")
    }

    @Test func aProjectWithoutRequiresPythonIsRefused() throws {
        let text = "[project]\nname = \"s\"\nversion = \"1\"\ndependencies = []\n"
        #expect(throws: LockServiceError.requiresPythonMissing(source: "pyproject.toml")) {
            _ = try LockInputs(pyproject: try PyProject(text: text), source: "pyproject.toml")
        }
    }
}
