import PackagingModel
import Python
import SystemSupport

/// `--no-isolation`: are the build requirements installed in the target interpreter? Checks each
/// requirement and, recursively, what the installed distributions require (markers evaluated for
/// that interpreter, extras followed), as pypa/build's `check_dependency` does.
struct InstalledRequirementsCheck {
    let interpreter: Interpreter

    private struct Installed {
        let version: Version
        let metadata: CoreMetadata
    }

    /// Every unsatisfied requirement, described ("name (not installed)", "name>=2 (1.0 is installed)").
    func missing(_ requirements: [Requirement]) -> [String] {
        let installed = scan()
        let environment = markerEnvironment
        var problems: [String] = []
        var visited = Set<String>()
        var queue: [(Requirement, Set<ExtraName>)] = requirements.map { ($0, []) }
        while !queue.isEmpty {
            let (requirement, parentExtras) = queue.removeFirst()
            if let marker = requirement.marker, !marker.evaluate(environment, extras: parentExtras) { continue }
            let key = requirement.description
            guard visited.insert(key).inserted else { continue }
            guard let found = installed[requirement.name.normalized] else {
                problems.append("\(requirement) (not installed)")
                continue
            }
            guard requirement.specifier.contains(found.version, prereleases: true) else {
                problems.append("\(requirement) (\(found.version) is installed)")
                continue
            }
            let extras = Set(requirement.extras)
            for dependency in found.metadata.requiresDist { queue.append((dependency, extras)) }
        }
        return problems
    }

    private var markerEnvironment: MarkerEnvironment { interpreter.pep508Markers }

    /// `.dist-info` directories in the interpreter's site directories, first found wins (sys.path order).
    private func scan() -> [String: Installed] {
        var result: [String: Installed] = [:]
        var directories = [interpreter.paths.purelib]
        if interpreter.paths.platlib != interpreter.paths.purelib { directories.append(interpreter.paths.platlib) }
        for directory in directories {
            for entry in ((try? FileSystem.listDirectory(directory)) ?? []).sorted() where entry.hasSuffix(".dist-info") {
                let path = FileSystem.join(FileSystem.join(directory, entry), "METADATA")
                guard let bytes = try? FileSystem.readBytes(path), let metadata = try? CoreMetadata(parsing: bytes, source: path) else { continue }
                if result[metadata.name.normalized] == nil {
                    result[metadata.name.normalized] = Installed(version: metadata.version, metadata: metadata)
                }
            }
        }
        return result
    }
}
