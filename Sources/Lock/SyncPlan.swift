import PackagingModel

/// What `kiln sync` does to an environment so that it holds exactly the lock's entries for
/// this interpreter: install what is missing, replace what has another version, remove what
/// the lock does not list. Made from the lock alone: no resolution.
public struct SyncPlan: Sendable, Hashable {
    /// One entry chosen for this interpreter, with the file to install it from.
    public struct Pick: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            case wheel
            /// No wheel fits: the sdist must be built first.
            case sdist
        }

        public let name: PackageName
        public let version: Version
        public let file: LockedFile
        public let kind: Kind
        public let index: String?
    }

    public struct Replacement: Sendable, Hashable {
        public let pick: Pick
        public let installedVersion: String
    }

    public var install: [Pick]
    public var replace: [Replacement]
    public var remove: [InstalledPackage]
    /// Already installed at the locked version.
    public var unchanged: [Pick]

    public var changesNothing: Bool { install.isEmpty && replace.isEmpty && remove.isEmpty }
    /// Everything to fetch and install, sorted by name.
    public var toInstall: [Pick] { (install + replace.map(\.pick)).sorted { $0.name.normalized < $1.name.normalized } }
}

/// A distribution found in the environment.
public struct InstalledPackage: Sendable, Hashable {
    public let name: PackageName
    public let version: String

    public init(name: PackageName, version: String) {
        self.name = name
        self.version = version
    }
}

/// The extras and dependency groups to install; `groups` nil means the lock's `default-groups`.
public struct SyncSelection: Sendable, Hashable {
    public var extras: Set<ExtraName>
    public var groups: Set<DependencyGroupName>?

    public init(extras: Set<ExtraName> = [], groups: Set<DependencyGroupName>? = nil) {
        self.extras = extras
        self.groups = groups
    }
}

extension PackageLock {
    /// The entries that apply to an interpreter with `environment` and `tags`, given the
    /// selected extras and groups.
    public func applicablePackages(environment: MarkerEnvironment, selection: SyncSelection, source: String) throws(PylockError) -> [LockedPackage] {
        if !environments.isEmpty && !environments.contains(where: { $0.evaluate(environment) }) {
            throw .environmentNotCovered(source: source, environments: environments.map(\.description))
        }
        let python = (try? Version(environment.pythonFullVersion)) ?? (try? Version(environment.pythonVersion))
        if let requiresPython, let python, !requiresPython.contains(python, prereleases: true) {
            throw .pythonNotCovered(source: source, python: environment.pythonFullVersion, requiresPython: requiresPython.description)
        }
        for extra in selection.extras.sorted() where !extras.contains(extra) {
            throw .unknownSelection(source: source, kind: "extra", name: extra.description, known: extras.map(\.description))
        }
        let groups = selection.groups ?? Set(defaultGroups)
        if let asked = selection.groups {
            for group in asked.sorted() where !dependencyGroups.contains(group) {
                throw .unknownSelection(source: source, kind: "dependency group", name: group.description, known: dependencyGroups.map(\.description))
            }
        }
        // Marker evaluation takes group names in the same normalised form as extras.
        let groupNames = Set(groups.compactMap { try? ExtraName($0.normalized) })
        let applicable = packages.filter { package in
            package.marker?.evaluate(environment, extras: selection.extras, dependencyGroups: groupNames) ?? true
        }
        var byName: [PackageName: [LockedPackage]] = [:]
        for package in applicable { byName[package.name, default: []].append(package) }
        for (name, entries) in byName.sorted(by: { $0.key.normalized < $1.key.normalized }) where entries.count > 1 {
            throw .ambiguousPackage(source: source, name: name.normalized, versions: entries.map { $0.version?.description ?? "?" })
        }
        return applicable.sorted { $0.name.normalized < $1.name.normalized }
    }

    /// The plan for an environment holding `installed`; `removeExtraneous` false keeps what the
    /// lock does not list (`--inexact`).
    public func syncPlan(
        environment: MarkerEnvironment, tags: TagPriority, selection: SyncSelection, installed: [InstalledPackage],
        removeExtraneous: Bool, source: String
    ) throws(PylockError) -> SyncPlan {
        var plan = SyncPlan(install: [], replace: [], remove: [], unchanged: [])
        let installedByName = Dictionary(installed.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var locked: Set<PackageName> = []
        for package in try applicablePackages(environment: environment, selection: selection, source: source) {
            let pick = try package.pick(tags: tags, source: source)
            locked.insert(package.name)
            if let present = installedByName[package.name] {
                if let presentVersion = try? Version(present.version), presentVersion == pick.version {
                    plan.unchanged.append(pick)
                } else {
                    plan.replace.append(SyncPlan.Replacement(pick: pick, installedVersion: present.version))
                }
            } else {
                plan.install.append(pick)
            }
        }
        if removeExtraneous {
            plan.remove = installed.filter { !locked.contains($0.name) }.sorted { $0.name.normalized < $1.name.normalized }
        }
        return plan
    }
}

extension LockedPackage {
    /// The best wheel for `tags` (the one whose best tag ranks first), else the sdist.
    func pick(tags: TagPriority, source: String) throws(PylockError) -> SyncPlan.Pick {
        let versionText = version?.description ?? "(no version)"
        switch self.source {
        case .distributions(let sdist, let wheels):
            var best: (rank: Int, file: LockedFile, parsed: WheelFilename)?
            for wheel in wheels {
                guard let filename = wheel.filename, let parsed = try? WheelFilename(filename), let rank = tags.bestRank(of: parsed.tags) else { continue }
                // Ties (two wheels sharing their best tag) go to the first name, for a stable choice.
                if let current = best, rank > current.rank || (rank == current.rank && filename >= (current.file.filename ?? "")) { continue }
                best = (rank, wheel, parsed)
            }
            if let best {
                return SyncPlan.Pick(name: name, version: version ?? best.parsed.version, file: best.file, kind: .wheel, index: index)
            }
            if let sdist, let version {
                return SyncPlan.Pick(name: name, version: version, file: sdist, kind: .sdist, index: index)
            }
            let reason = wheels.isEmpty ? "it lists no wheel and no sdist with a version"
                : "none of its \(wheels.count) wheels fits this interpreter's tags and it has no sdist"
            throw .noInstallableFile(source: source, name: name.normalized, version: versionText, reason: reason)
        case .archive(let file):
            guard let filename = file.filename, let parsed = try? WheelFilename(filename) else {
                throw .noInstallableFile(source: source, name: name.normalized, version: versionText,
                                         reason: "its archive is not a wheel; kiln sync does not build archives")
            }
            guard tags.isCompatible(parsed.tags) else {
                throw .noInstallableFile(source: source, name: name.normalized, version: versionText, reason: "its wheel \(filename) does not fit this interpreter's tags")
            }
            return SyncPlan.Pick(name: name, version: version ?? parsed.version, file: file, kind: .wheel, index: index)
        case .directory(let path, _):
            throw .noInstallableFile(source: source, name: name.normalized, version: versionText, reason: "it is the directory \(path); kiln sync installs wheels and sdists only")
        case .vcs(_, let url, let path, _):
            throw .noInstallableFile(source: source, name: name.normalized, version: versionText,
                                     reason: "it is a VCS checkout (\(url ?? path ?? "?")); kiln sync installs wheels and sdists only")
        }
    }
}
