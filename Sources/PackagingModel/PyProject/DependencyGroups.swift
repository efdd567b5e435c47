/// The name of a dependency group (PEP 735). Names follow the PEP 508 name rules and
/// compare after PEP 503 normalisation, like package names, but name something else.
public struct DependencyGroupName: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let original: String
    public let normalized: String

    public init(_ name: String) throws(NameParseError) {
        guard !name.isEmpty else { throw .empty(kind: "dependency group name") }
        guard NameNormalization.isValid(name) else { throw .invalid(kind: "dependency group name", name: name) }
        self.original = name
        self.normalized = NameNormalization.normalize(name)
    }

    public var description: String { original }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.normalized == rhs.normalized }
    public func hash(into hasher: inout Hasher) { hasher.combine(normalized) }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.normalized < rhs.normalized }
}

/// The `[dependency-groups]` table (PEP 735): named lists of requirement strings and
/// `{include-group = "other"}` tables.
///
/// Group names are checked when the file is read. A group's contents are checked when that
/// group is asked for, as PEP 735 recommends: a mistake in a group nobody uses does not
/// stop the others from working.
public struct DependencyGroups: Sendable, Equatable {
    private let groups: [(name: DependencyGroupName, contents: TOMLCursor)]

    public static let empty = DependencyGroups(groups: [])

    private init(groups: [(name: DependencyGroupName, contents: TOMLCursor)]) {
        self.groups = groups
    }

    /// The group names as written, sorted by key (TOMLKit does not keep document order).
    public var names: [DependencyGroupName] { groups.map(\.name) }

    public var isEmpty: Bool { groups.isEmpty }

    /// The requirements of a group with its includes expanded, in order.
    public func requirements(of group: DependencyGroupName) throws(PyProjectError) -> [Requirement] {
        var resolved: [DependencyGroupName: [Requirement]] = [:]
        return try resolve(group, includedFrom: [], resolved: &resolved)
    }

    /// Every group resolved; the first problem in any group is thrown.
    public func resolveAll() throws(PyProjectError) -> [DependencyGroupName: [Requirement]] {
        var resolved: [DependencyGroupName: [Requirement]] = [:]
        for group in groups { _ = try resolve(group.name, includedFrom: [], resolved: &resolved) }
        return resolved
    }

    public static func == (lhs: DependencyGroups, rhs: DependencyGroups) -> Bool {
        lhs.groups.map(\.name) == rhs.groups.map(\.name) && lhs.groups.map(\.contents) == rhs.groups.map(\.contents)
    }

    /// `includedFrom` is the chain of groups being expanded, outermost first.
    private func resolve(
        _ name: DependencyGroupName, includedFrom chain: [DependencyGroupName],
        resolved: inout [DependencyGroupName: [Requirement]]
    ) throws(PyProjectError) -> [Requirement] {
        if let done = resolved[name] { return done }
        guard let group = groups.first(where: { $0.name == name }) else {
            throw .unknownDependencyGroup(
                source: groups.first?.contents.source ?? "pyproject.toml", group: name.original,
                includedFrom: chain.last.map(\.original))
        }
        if let start = chain.firstIndex(of: name) {
            throw .dependencyGroupCycle(
                source: group.contents.source, cycle: (chain[start...] + [group.name]).map(\.original))
        }

        var requirements: [Requirement] = []
        for item in try group.contents.array() {
            switch item.node {
            case .string:
                requirements.append(try item.requirement())
            case .table:
                let included = try Self.includedGroup(item)
                requirements += try resolve(included, includedFrom: chain + [group.name], resolved: &resolved)
            default:
                throw .invalidDependencyGroupEntry(source: item.source, keyPath: item.keyPath)
            }
        }
        resolved[name] = requirements
        return requirements
    }

    /// `{include-group = "name"}`: exactly that one key, a valid group name.
    private static func includedGroup(_ item: TOMLCursor) throws(PyProjectError) -> DependencyGroupName {
        let table = try item.table()
        guard table.keys == ["include-group"], let value = table["include-group"] else {
            throw .invalidDependencyGroupEntry(source: item.source, keyPath: item.keyPath)
        }
        let text = try value.string()
        do {
            return try DependencyGroupName(text)
        } catch {
            throw .invalidName(source: item.source, keyPath: value.keyPath, value: text, reason: error)
        }
    }

    /// Reads `[dependency-groups]`: the names, and that each group is an array.
    static func parse(_ table: TOMLTableCursor) throws(PyProjectError) -> DependencyGroups {
        var groups: [(name: DependencyGroupName, contents: TOMLCursor)] = []
        for (key, value) in table.members {
            let name: DependencyGroupName
            do {
                name = try DependencyGroupName(key)
            } catch {
                throw .invalidName(source: table.source, keyPath: value.keyPath, value: key, reason: error)
            }
            if let other = groups.first(where: { $0.name == name }) {
                throw .duplicateDependencyGroup(source: table.source, names: [other.name.original, key])
            }
            _ = try value.array()
            groups.append((name, value))
        }
        return DependencyGroups(groups: groups)
    }
}
