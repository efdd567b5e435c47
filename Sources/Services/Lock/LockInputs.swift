import Lock
import PackagingModel

/// Which part of a project a requirement comes from: what decides an entry's extras and
/// dependency-groups marker in the lock.
public enum LockSelector: Sendable, Hashable, Comparable {
    /// `[project].dependencies`: always installed.
    case base
    case extra(ExtraName)
    case group(DependencyGroupName)

    /// The marker a lock entry reached only through this selector carries; nil for `base`.
    var marker: String? {
        switch self {
        case .base: nil
        case .extra(let name): "'\(name.normalized)' in extras"
        case .group(let name): "'\(name.normalized)' in dependency_groups"
        }
    }

    public static func < (lhs: LockSelector, rhs: LockSelector) -> Bool { lhs.sortKey < rhs.sortKey }

    private var sortKey: String {
        switch self {
        case .base: "0"
        case .extra(let name): "1" + name.normalized
        case .group(let name): "2" + name.normalized
        }
    }
}

/// What `kiln lock` reads from pyproject.toml: the root requirements, each with the selector it
/// belongs to, and the Pythons to cover.
public struct LockInputs: Sendable {
    public let projectName: PackageName
    public let requiresPython: SpecifierSet
    public let roots: [(selector: LockSelector, requirement: Requirement)]
    public let extras: [ExtraName]
    public let groups: [DependencyGroupName]

    /// `source` names the file in errors.
    public init(pyproject: PyProject, source: String) throws(LockServiceError) {
        guard let project = pyproject.project else { throw .projectTableMissing(source: source) }
        guard let requiresPython = project.requiresPython else { throw .requiresPythonMissing(source: source) }
        let groupRequirements: [DependencyGroupName: [Requirement]]
        do {
            groupRequirements = try pyproject.dependencyGroups.resolveAll()
        } catch {
            throw .pyproject(error.description)
        }
        var roots: [(LockSelector, Requirement)] = project.dependencies.map { (.base, $0) }
        for (extra, requirements) in project.optionalDependencies {
            roots += requirements.map { (.extra(extra), $0) }
        }
        for group in groupRequirements.keys.sorted() {
            roots += (groupRequirements[group] ?? []).map { (.group(group), $0) }
        }
        self.projectName = project.name
        self.requiresPython = requiresPython
        // A project's extras may name the project itself (`sample[socks]` inside `all`): that
        // is the extras' own requirements, already among the roots.
        self.roots = roots.filter { $0.1.name != project.name }
        self.extras = project.optionalDependencies.map(\.extra).sorted()
        self.groups = groupRequirements.keys.sorted()
    }
}
