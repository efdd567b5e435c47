/// The `[build-system]` table of pyproject.toml (PEP 518, PEP 517).
public struct BuildSystem: Sendable, Equatable {
    /// PEP 517's backend for projects that do not name one: setuptools run the way
    /// `setup.py` always ran.
    public static let legacyBackend = "setuptools.build_meta:__legacy__"
    /// What pip and pypa/build install for a project without `[build-system]`.
    public static let legacyRequirement = "setuptools>=40.8.0"
    static let knownKeys = ["requires", "build-backend", "backend-path"]

    /// `requires`: what must be installed before any hook runs.
    public let requires: [Requirement]
    /// `build-backend` (`module.path:object`), nil when the table does not name one.
    public let buildBackend: String?
    /// `backend-path`: directories, relative to the project root, put first on `sys.path`
    /// for in-tree backends.
    public let backendPath: [String]?
    /// True when the file has no `[build-system]` table and PEP 517's default is in use.
    public let isDefault: Bool

    public init(requires: [Requirement], buildBackend: String?, backendPath: [String]? = nil) {
        self.requires = requires
        self.buildBackend = buildBackend
        self.backendPath = backendPath
        self.isDefault = false
    }

    private init(defaultWith requires: [Requirement]) {
        self.requires = requires
        self.buildBackend = nil
        self.backendPath = nil
        self.isDefault = true
    }

    /// The build system of a project without `[build-system]`: setuptools' legacy backend.
    public static var pep517Default: BuildSystem {
        // The literal is a valid requirement; the test suite pins that it parses.
        BuildSystem(defaultWith: (try? Requirement(legacyRequirement)).map { [$0] } ?? [])
    }

    /// The backend to call: the named one, else PEP 517's legacy setuptools backend
    /// (which pip and pypa/build also use when `build-backend` is missing).
    public var effectiveBuildBackend: String { buildBackend ?? Self.legacyBackend }

    /// Reads `[build-system]`; `table` is nil when the document has none.
    static func parse(_ table: TOMLTableCursor?) throws(PyProjectError) -> BuildSystem {
        guard let table else { return pep517Default }
        for key in table.keys where !knownKeys.contains(key) {
            throw .unknownBuildSystemKey(
                source: table.source, key: key, suggestion: KeySuggestion.closest(to: key, among: knownKeys))
        }
        guard let requiresValue = table["requires"] else {
            throw .missingKey(source: table.source, keyPath: table.keyPath(of: "requires"))
        }
        var requires: [Requirement] = []
        for item in try requiresValue.array() { requires.append(try item.requirement()) }

        var buildBackend: String?
        if let value = table["build-backend"] {
            let backend = try value.string()
            guard !backend.allSatisfy(\.isWhitespace) else { throw .emptyBuildBackend(source: table.source) }
            buildBackend = backend
        }

        var backendPath: [String]?
        if let value = table["backend-path"] {
            var paths: [String] = []
            for item in try value.array() {
                let path = try item.string()
                guard isInsideProject(path) else {
                    throw .backendPathOutsideProject(source: table.source, keyPath: item.keyPath, path: path)
                }
                paths.append(path)
            }
            backendPath = paths
        }
        return BuildSystem(requires: requires, buildBackend: buildBackend, backendPath: backendPath)
    }

    /// PEP 517: backend-path entries are relative to the project root and must stay inside it.
    /// Checked lexically (`a/../..` leaves, `a/../b` does not); symlinks are the caller's concern.
    static func isInsideProject(_ path: String) -> Bool {
        guard !path.hasPrefix("/"), !path.hasPrefix("\\"), !path.contains(":") else { return false }
        var depth = 0
        for component in path.split(whereSeparator: { $0 == "/" || $0 == "\\" }) {
            switch component {
            case ".": continue
            case "..":
                depth -= 1
                if depth < 0 { return false }
            default: depth += 1
            }
        }
        return true
    }
}

extension TOMLCursor {
    /// A PEP 508 requirement string at this position.
    func requirement() throws(PyProjectError) -> Requirement {
        let text = try string()
        do {
            return try Requirement(text)
        } catch {
            throw .invalidRequirement(source: source, keyPath: keyPath, value: text, reason: error)
        }
    }
}
