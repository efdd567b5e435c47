import SystemSupport

/// Builds from a source tree: `build-wheel DIR` (in place, as `uv build --wheel DIR`) and `build-sdist`.
extension BuildService {
    /// Builds a wheel straight from a source tree (as `uv build --wheel DIR` does); not cached.
    public func buildWheel(tree: String, into outputDirectory: String, options: BuildOptions) async throws(BuildError) -> Outcome {
        let root = FileSystem.absolute(tree)
        guard FileSystem.isDirectory(root) else { throw .input(.sourceNotFound(tree)) }
        let project = try SourceProject.load(root)
        let directory = try BuildDirectory.make(prefix: FileSystem.basename(of: root))
        defer { directory.remove() }
        let epoch = options.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) }
        var built = try await build(project, in: directory, options: options, epoch: epoch, record: BuildRecord(), expected: nil)
        let placed = try OutputFile.place(built.wheelPath, into: outputDirectory, as: built.filename, mayLink: true)
        built.report.wheel = try wheelInfo(placed)
        return Outcome(path: placed, report: built.report)
    }

    /// Builds an sdist from a source tree with the backend's build_sdist.
    public func buildSdist(tree: String, into outputDirectory: String, options: BuildOptions) async throws(BuildError) -> Outcome {
        let root = FileSystem.absolute(tree)
        guard FileSystem.isDirectory(root) else { throw .input(.sourceNotFound(tree)) }
        let project = try SourceProject.load(root)
        try checkGuard(project: project.displayName, version: project.version ?? "", bounds: RequiresPythonGuard.bounds(of: project, index: nil))
        let directory = try BuildDirectory.make(prefix: FileSystem.basename(of: root))
        defer { directory.remove() }
        let log = try makeLog(for: project.displayName)
        let epoch = options.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) }
        var builder = ProjectBuilder(
            project: project, target: target, venvBase: venvBase, isolation: options.isolation,
            configSettings: options.configSettings, constraints: options.buildConstraints, baseEnvironment: options.environment,
            sourceDateEpoch: epoch, workDirectory: directory.path, log: log, streamOutput: options.streamOutput,
            hookTimeout: options.hookTimeout, onEvent: onEvent)
        let output = try directory.subdirectory("sdist")
        let filename: String
        do {
            filename = try await builder.buildSdist(into: output)
        } catch {
            keep(log)
            throw error
        }
        try? FileSystem.removeTree(FileSystem.parent(of: log.path))
        let placed = try OutputFile.place(FileSystem.join(output, filename), into: outputDirectory, as: filename, mayLink: true)
        var result = report(project, builder.record, options: options, epoch: epoch)
        result.sdist = placed
        return Outcome(path: placed, report: result)
    }
}
