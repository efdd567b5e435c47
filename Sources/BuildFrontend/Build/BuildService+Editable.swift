import SystemSupport

extension BuildService {
    /// An editable wheel of the project at `tree` (`kiln install -e DIR`). Never cached: the
    /// wheel refers to the tree as it is, and a rebuild is what the user asks for by reinstalling.
    public func buildEditable(tree: String, into outputDirectory: String, options: BuildOptions) async throws(BuildError) -> Outcome {
        let root = FileSystem.absolute(tree)
        guard FileSystem.isDirectory(root) else { throw .input(.sourceNotFound(tree)) }
        let project = try SourceProject.load(root)
        let directory = try BuildDirectory.make(prefix: FileSystem.basename(of: root) + "-editable")
        defer { directory.remove() }
        let epoch = options.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) }
        var built = try await buildEditable(project, in: directory, options: options, epoch: epoch)
        let placed = try OutputFile.place(built.wheelPath, into: outputDirectory, as: built.filename, mayLink: true)
        built.report.wheel = try wheelInfo(placed)
        return Outcome(path: placed, report: built.report)
    }

    /// `build()` with `build_editable` in place of `build_wheel`: guard, hooks, the same check.
    private func buildEditable(_ project: SourceProject, in directory: BuildDirectory, options: BuildOptions, epoch: Int64?) async throws(BuildError) -> Built {
        let version = project.version ?? "(unknown version)"
        try checkGuard(project: project.displayName, version: version, bounds: RequiresPythonGuard.bounds(of: project, index: nil))
        let log = try makeLog(for: "\(project.displayName)-\(version)-editable")
        var builder = makeBuilder(project, in: directory, options: options, epoch: epoch, log: log)
        let output = try directory.subdirectory("wheel")
        let filename: String
        do {
            filename = try await builder.buildEditable(into: output)
        } catch {
            keep(log)
            throw error
        }
        let path = FileSystem.join(output, filename)
        try await checkWheel(path, of: project, expected: nil, builder: &builder, log: log)
        try? FileSystem.removeTree(FileSystem.parent(of: log.path))
        return Built(wheelPath: path, filename: filename, report: report(project, builder.record, options: options, epoch: epoch))
    }
}
