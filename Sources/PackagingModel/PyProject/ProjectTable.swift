/// The `[project]` table of pyproject.toml (PEP 621), reduced to the fields a build
/// frontend, resolver and locker read. The other fields (readme, authors, ...) belong to the
/// build backend; they are only checked against `dynamic`.
public struct ProjectTable: Sendable, Equatable {
    public let name: PackageName
    /// nil when the version is dynamic (computed by the build backend).
    public let version: Version?
    public let requiresPython: SpecifierSet?
    public let dependencies: [Requirement]
    /// Each extra with its requirements, sorted by key (TOMLKit does not keep document order).
    public let optionalDependencies: [(extra: ExtraName, requirements: [Requirement])]
    /// The field names listed in `dynamic`, as written.
    public let dynamic: [String]

    /// Whether the build backend computes this field (`version`, `dependencies`, ...).
    public func isDynamic(_ field: String) -> Bool {
        dynamic.contains(field)
    }

    /// The requirements of one extra; nil when the project has no such extra.
    public func requirements(ofExtra extra: ExtraName) -> [Requirement]? {
        optionalDependencies.first { $0.extra == extra }?.requirements
    }

    public static func == (lhs: ProjectTable, rhs: ProjectTable) -> Bool {
        lhs.name == rhs.name && lhs.version == rhs.version && lhs.requiresPython == rhs.requiresPython
            && lhs.dependencies == rhs.dependencies && lhs.dynamic == rhs.dynamic
            && lhs.optionalDependencies.map(\.extra) == rhs.optionalDependencies.map(\.extra)
            && lhs.optionalDependencies.map(\.requirements) == rhs.optionalDependencies.map(\.requirements)
    }

    static func parse(_ table: TOMLTableCursor) throws(PyProjectError) -> ProjectTable {
        let source = table.source
        let dynamic = try table["dynamic"]?.stringArray() ?? []
        if dynamic.contains("name") { throw .nameIsDynamic(source: source) }
        for key in table.keys where key != "dynamic" && dynamic.contains(key) {
            throw .staticAndDynamic(source: source, field: key)
        }

        guard let nameValue = table["name"] else {
            throw .missingKey(source: source, keyPath: table.keyPath(of: "name"))
        }
        let nameText = try nameValue.string()
        let name: PackageName
        do {
            name = try PackageName(nameText)
        } catch {
            throw .invalidName(source: source, keyPath: nameValue.keyPath, value: nameText, reason: error)
        }

        var version: Version?
        if let versionValue = table["version"] {
            let text = try versionValue.string()
            do {
                version = try Version(text)
            } catch {
                throw .invalidVersion(source: source, keyPath: versionValue.keyPath, value: text, reason: error)
            }
        } else if !dynamic.contains("version") {
            throw .missingVersion(source: source)
        }

        var requiresPython: SpecifierSet?
        if let value = table["requires-python"] {
            let text = try value.string()
            do {
                requiresPython = try SpecifierSet(text)
            } catch {
                throw .invalidSpecifier(source: source, keyPath: value.keyPath, value: text, reason: error)
            }
        }

        var dependencies: [Requirement] = []
        for item in try table["dependencies"]?.array() ?? [] { dependencies.append(try item.requirement()) }

        var optionalDependencies: [(extra: ExtraName, requirements: [Requirement])] = []
        for (key, value) in try table["optional-dependencies"]?.table().members ?? [] {
            let extra: ExtraName
            do {
                extra = try ExtraName(key)
            } catch {
                throw .invalidName(source: source, keyPath: value.keyPath, value: key, reason: error)
            }
            var requirements: [Requirement] = []
            for item in try value.array() { requirements.append(try item.requirement()) }
            optionalDependencies.append((extra, requirements))
        }

        return ProjectTable(
            name: name, version: version, requiresPython: requiresPython, dependencies: dependencies,
            optionalDependencies: optionalDependencies, dynamic: dynamic)
    }
}
