import PackagingModel
import Python

/// Refuses a build whose `Requires-Python` (from the index, PKG-INFO or `[project]`) excludes the
/// target interpreter, before any environment exists. The whole specifier counts, upper bounds too.
public enum RequiresPythonGuard {
    public struct Bound: Sendable, Equatable {
        public let specifier: SpecifierSet
        /// Where it was read: "the index", "PKG-INFO", "pyproject.toml".
        public let source: String

        public init(specifier: SpecifierSet, source: String) {
            self.specifier = specifier
            self.source = source
        }
    }

    public static func check(
        project: String, version: String, bounds: [Bound], interpreterVersion: Version
    ) throws(BuildInputError) {
        for bound in bounds where !bound.specifier.contains(interpreterVersion, prereleases: true) {
            throw .requiresPython(
                project: project, version: version, specifier: bound.specifier.description, source: bound.source,
                interpreter: interpreterVersion.description)
        }
    }

    static func bounds(of project: SourceProject, index: SpecifierSet?) -> [Bound] {
        var bounds: [Bound] = []
        if let index { bounds.append(Bound(specifier: index, source: "the index")) }
        if let fromPKGInfo = project.pkgInfo?.requiresPython { bounds.append(Bound(specifier: fromPKGInfo, source: "PKG-INFO")) }
        if let fromProject = project.project?.requiresPython { bounds.append(Bound(specifier: fromProject, source: "pyproject.toml")) }
        return bounds
    }
}
