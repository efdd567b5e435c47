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
        var built = try await build(project, in: directory, options: options, epoch: epoch, record: BuildRecord(), expected: nil, hook: .buildEditable)
        let placed = try OutputFile.place(built.wheelPath, into: outputDirectory, as: built.filename, mayLink: true)
        built.report.wheel = try wheelInfo(placed)
        return Outcome(path: placed, report: built.report)
    }
}
