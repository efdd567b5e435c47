import PackagingModel
import Python
import SystemSupport

/// One build from its unpacked tree: the guard, the hooks, the check of the wheel.
extension BuildService {
    struct Built {
        let wheelPath: String
        let filename: String
        var report: BuildReport
    }

    /// An sdist unpacked into its build directory, checked against its filename.
    struct UnpackedProject {
        let project: SourceProject
        /// SOURCE_DATE_EPOCH for the hooks.
        let epoch: Int64?
        let record: BuildRecord
    }

    func buildFromArchive(_ archive: String, filename: SdistFilename?, in directory: BuildDirectory, options: BuildOptions) async throws(BuildError) -> Built {
        let unpacked = try await unpack(archive, filename: filename, in: directory, options: options)
        return try await build(unpacked.project, in: directory, options: options, epoch: unpacked.epoch, record: unpacked.record,
                               expected: filename.map { ($0.name, $0.version) })
    }

    func unpack(_ archive: String, filename: SdistFilename?, in directory: BuildDirectory, options: BuildOptions) async throws(BuildError) -> UnpackedProject {
        let label = filename.map { "\($0.name) \($0.version)" } ?? FileSystem.basename(of: archive)
        onEvent(.phase(.unpacking, project: label))
        let start = ContinuousClock.now
        let source = try directory.subdirectory("src")
        let unpacker = self.unpacker
        let unpacked: UnpackedSdist
        do {
            unpacked = try await OffPool.run { () throws(SdistUnpackError) -> UnpackedSdist in try unpacker.unpack(archive, into: source) }
        } catch {
            throw .input(.unpack(error))
        }
        let project = try SourceProject.load(unpacked.root)
        if let filename, let metadata = project.pkgInfo, metadata.name.normalized != filename.name.normalized {
            throw .input(.nameMismatch(file: FileSystem.basename(of: archive), expected: filename.name.original, found: metadata.name.original))
        }
        // The user's value wins (and is passed on as given; the report shows it if it is a number).
        let epoch = options.environment["SOURCE_DATE_EPOCH"].map { Int64($0) }
            ?? HookEnvironment.sourceDateEpoch(pkgInfoModificationTime: unpacked.pkgInfoModificationTime)
        var record = BuildRecord()
        record.add(BuildPhase.unpacking.rawValue, since: start)
        return UnpackedProject(project: project, epoch: epoch, record: record)
    }

    /// Which wheel hook a build runs.
    enum WheelHook {
        case buildWheel
        /// PEP 660: a wheel that points at the tree.
        case buildEditable
    }

    /// Guard, hooks, check. `expected`: the name and version the wheel must have.
    func build(
        _ project: SourceProject, in directory: BuildDirectory, options: BuildOptions, epoch: Int64?, record: BuildRecord,
        expected: (PackageName, Version)?, hook: WheelHook = .buildWheel
    ) async throws(BuildError) -> Built {
        let version = project.version ?? expected?.1.description ?? "(unknown version)"
        try checkGuard(project: project.displayName, version: version, bounds: RequiresPythonGuard.bounds(of: project, index: options.indexRequiresPython))
        let log = try makeLog(for: "\(project.displayName)-\(version)" + (hook == .buildEditable ? "-editable" : ""))
        var builder = makeBuilder(project, in: directory, options: options, epoch: epoch, log: log)
        builder.record = record
        let output = try directory.subdirectory("wheel")
        let filename: String
        do {
            switch hook {
            case .buildWheel: filename = try await builder.buildWheel(into: output)
            case .buildEditable: filename = try await builder.buildEditable(into: output)
            }
        } catch {
            keep(log)
            throw error
        }
        let path = FileSystem.join(output, filename)
        try await checkWheel(path, of: project, expected: expected, builder: &builder, log: log)
        try? FileSystem.removeTree(FileSystem.parent(of: log.path))
        return Built(wheelPath: path, filename: filename, report: report(project, builder.record, options: options, epoch: epoch))
    }

    func makeBuilder(_ project: SourceProject, in directory: BuildDirectory, options: BuildOptions, epoch: Int64?, log: BuildLog) -> ProjectBuilder {
        ProjectBuilder(
            project: project, target: target, venvBase: venvBase, isolation: options.isolation,
            configSettings: options.configSettings, constraints: options.buildConstraints, baseEnvironment: options.environment,
            sourceDateEpoch: epoch, workDirectory: directory.path, log: log, streamOutput: options.streamOutput,
            hookTimeout: options.hookTimeout, onEvent: onEvent)
    }

    /// A built wheel is checked (name, version, tags, RECORD) before anything publishes it.
    func checkWheel(
        _ path: String, of project: SourceProject, expected: (PackageName, Version)?, builder: inout ProjectBuilder, log: BuildLog
    ) async throws(BuildError) {
        let start = ContinuousClock.now
        do {
            let name = expected?.0 ?? project.pkgInfo?.name ?? project.project?.name
            let version = expected?.1 ?? project.pkgInfo?.version ?? project.project?.version
            let tags = Set(target.compatibleTags)
            let interpreter = "\(target.implementationName) \(target.fullVersion)"
            _ = try await OffPool.run { () throws(WheelCheckError) -> WheelFilename in
                try BuiltWheelCheck.check(path, name: name, version: version, compatibleTags: tags, interpreter: interpreter)
            }
        } catch {
            keep(log)
            throw .backend(BackendFailure(
                project: project.displayName, phase: .checkingWheel, hook: .buildWheel, reason: error.description, logTail: [],
                logPath: log.path, hint: nil))
        }
        builder.record.add(BuildPhase.checkingWheel.rawValue, since: start)
    }

    func checkGuard(project: String, version: String, bounds: [RequiresPythonGuard.Bound]) throws(BuildError) {
        do {
            try RequiresPythonGuard.check(project: project, version: version, bounds: bounds, interpreterVersion: target.fullVersion)
        } catch {
            throw .input(error)
        }
    }

    /// Logs live beside the build directories, outside them, so a failed build's log outlives its directory.
    func makeLog(for label: String) throws(BuildError) -> BuildLog {
        let directory = try BuildDirectory.make(prefix: label + "-log")
        return BuildLog(path: FileSystem.join(directory.path, "build.log"))
    }

    func keep(_ log: BuildLog) {
        onEvent(.logKept(log.path))
    }

    func report(_ project: SourceProject, _ record: BuildRecord, options: BuildOptions, epoch: Int64?) -> BuildReport {
        var settings: [String: [String]] = [:]
        for key in options.configSettings.keys { settings[key] = options.configSettings.values[key]?.values ?? [] }
        return BuildReport(
            project: project.displayName, version: project.version, backend: record.backend, backendPath: record.backendPath,
            hooks: record.hooks, buildRequirements: record.buildRequirements, configSettings: settings, sourceDateEpoch: epoch,
            interpreter: .init(path: target.path, implementation: target.implementationName, version: target.fullVersion.description,
                               tag: target.compatibleTags.first?.description),
            durations: record.durations, cacheHit: false, wheel: nil, sdist: nil)
    }

    func wheelInfo(_ path: String) throws(BuildError) -> BuildReport.WheelInfo {
        do {
            let sha256 = try SHA256Hasher.hexDigest(ofFile: path)
            let size = (try FileStatus.of(path))?.size ?? 0
            let filename = FileSystem.basename(of: path)
            let tags = (try? WheelFilename(filename)).map { $0.tags.map(\.description).sorted() } ?? []
            return BuildReport.WheelInfo(filename: filename, path: path, tags: tags, size: size, sha256: sha256)
        } catch {
            throw .io(error)
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
