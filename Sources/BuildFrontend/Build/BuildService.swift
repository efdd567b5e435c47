#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Cache
import PackagingModel
import Python
import SystemSupport

/// `kiln build-wheel`, `build-sdist` and `build`: the sequence around `ProjectBuilder` — per-build
/// directory, unpacking, the requires-python guard, the built-wheel cache under its build lock,
/// the check before publishing, and the copy into the output directory.
public struct BuildService: Sendable {
    public let cache: CacheRoot
    /// The interpreter the wheel is for.
    public let target: Interpreter
    /// The interpreter build venvs are made from (the target's base when the target is a venv).
    public let venvBase: Interpreter
    public let lockTimeout: Duration
    public let unpacker: SdistUnpacker
    public let onEvent: @Sendable (BuildEvent) -> Void

    public init(
        cache: CacheRoot, target: Interpreter, venvBase: Interpreter, lockTimeout: Duration,
        unpacker: SdistUnpacker = SdistUnpacker(), onEvent: @escaping @Sendable (BuildEvent) -> Void = { _ in }
    ) {
        self.cache = cache
        self.target = target
        self.venvBase = venvBase
        self.lockTimeout = lockTimeout
        self.unpacker = unpacker
        self.onEvent = onEvent
    }

    public struct Outcome: Sendable {
        /// Where the file was placed (in the output directory).
        public let path: String
        public let report: BuildReport
    }

    /// Builds a wheel from an sdist, or takes it from the built-wheel cache.
    public func buildWheel(sdist: String, into outputDirectory: String, options: BuildOptions) async throws(BuildError) -> Outcome {
        let archive = FileSystem.absolute(sdist)
        guard FileSystem.exists(archive) else { throw .input(.sourceNotFound(sdist)) }
        let filename = try? SdistFilename(FileSystem.basename(of: archive))
        let label = filename.map { "\($0.name) \($0.version)" } ?? FileSystem.basename(of: archive)
        if let bound = options.indexRequiresPython, let filename {
            try checkGuard(project: filename.name.original, version: filename.version.description,
                           bounds: [RequiresPythonGuard.Bound(specifier: bound, source: "the index")])
        }
        // --no-isolation builds depend on what the interpreter has installed: not cacheable by this key.
        guard options.isIsolated else {
            return try await buildUncached(archive: archive, filename: filename, into: outputDirectory, options: options)
        }
        let sha256: String
        do {
            sha256 = try SHA256Hasher.hexDigest(ofFile: archive)
        } catch {
            throw .io(error)
        }
        let key = BuiltWheelKey(
            sdistSHA256: sha256, interpreter: target, configSettings: options.configSettings,
            buildConstraints: options.buildConstraints.map(\.description))
        let entry: String
        do {
            entry = try cache.entryPath(.builtWheels, [filename?.name.normalized ?? "_unnamed", key.digest])
        } catch {
            throw .cache(error.description)
        }
        let clock = ContinuousClock()
        let start = clock.now
        let onEvent = self.onEvent
        let obtained: ObtainedEntry
        do {
            obtained = try await CacheEntry.obtain(
                entry, resource: "the build of \(label)", timeout: lockTimeout,
                onWait: { _ in onEvent(.waiting("waiting for another build of \(label)")) }
            ) { temporary in
                try await produce(archive: archive, filename: filename, into: temporary, options: options)
            }
        } catch let error as BuildError {
            throw error
        } catch {
            throw .cache("\(error)")
        }
        var stored = try CachedBuild.read(entry)
        let placed = try OutputFile.place(FileSystem.join(entry, stored.wheel), into: outputDirectory, as: stored.wheel)
        if !obtained.wasProduced {
            onEvent(.cacheHit(wheel: stored.wheel))
            stored.report.hooks = []
            stored.report.durations = [BuildRecord.PhaseDuration(phase: "cache lookup", seconds: Self.seconds(start.duration(to: clock.now)))]
        }
        stored.report.cacheHit = !obtained.wasProduced
        stored.report.wheel = try wheelInfo(placed)
        return Outcome(path: placed, report: stored.report)
    }

    /// The build under the lock: unpack, guard, build, check; leaves `temporary/<wheel>` and
    /// `temporary/build.json` for `CacheEntry` to publish.
    private func produce(archive: String, filename: SdistFilename?, into temporary: String, options: BuildOptions) async throws(BuildError) {
        let directory = try BuildDirectory.make(prefix: filename.map { "\($0.name.normalized)-\($0.version)" } ?? "sdist")
        defer { directory.remove() }
        let built = try await buildFromArchive(archive, filename: filename, in: directory, options: options)
        do {
            try FileSystem.createDirectories(temporary)
            _ = try OutputFile.place(built.wheelPath, into: temporary, as: built.filename)
            try FileSystem.writeAtomically(CachedBuild(wheel: built.filename, report: built.report).encoded(), to: FileSystem.join(temporary, CachedBuild.recordName), flush: false)
        } catch let error as BuildError {
            throw error
        } catch let error as SystemCallError {
            throw .io(error)
        } catch {
            throw .cache("\(error)")
        }
    }

    private func buildUncached(archive: String, filename: SdistFilename?, into outputDirectory: String, options: BuildOptions) async throws(BuildError) -> Outcome {
        let directory = try BuildDirectory.make(prefix: filename.map { "\($0.name.normalized)-\($0.version)" } ?? "sdist")
        defer { directory.remove() }
        var built = try await buildFromArchive(archive, filename: filename, in: directory, options: options)
        let placed = try OutputFile.place(built.wheelPath, into: outputDirectory, as: built.filename)
        built.report.wheel = try wheelInfo(placed)
        return Outcome(path: placed, report: built.report)
    }

    private struct Built {
        let wheelPath: String
        let filename: String
        var report: BuildReport
    }

    private func buildFromArchive(_ archive: String, filename: SdistFilename?, in directory: BuildDirectory, options: BuildOptions) async throws(BuildError) -> Built {
        let label = filename.map { "\($0.name) \($0.version)" } ?? FileSystem.basename(of: archive)
        onEvent(.phase(.unpacking, project: label))
        let start = ContinuousClock.now
        let unpacked: UnpackedSdist
        do {
            unpacked = try unpacker.unpack(archive, into: try directory.subdirectory("src"))
        } catch let error as BuildError {
            throw error
        } catch {
            throw .input(.unpackFailed(archive: archive, reason: "\(error)"))
        }
        let project = try SourceProject.load(unpacked.root)
        if let filename, let metadata = project.pkgInfo, metadata.name.normalized != filename.name.normalized {
            throw .input(.nameMismatch(file: FileSystem.basename(of: archive), expected: filename.name.original, found: metadata.name.original))
        }
        let epoch = options.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) }
            ?? HookEnvironment.sourceDateEpoch(pkgInfoModificationTime: unpacked.pkgInfoModificationTime)
        var record = BuildRecord()
        record.add(BuildPhase.unpacking.rawValue, since: start)
        let wheel = try await build(project, in: directory, options: options, epoch: epoch, record: record,
                                    expected: filename.map { ($0.name, $0.version) })
        return wheel
    }

    /// Guard, hooks, check. `expected`: the name and version the wheel must have.
    private func build(
        _ project: SourceProject, in directory: BuildDirectory, options: BuildOptions, epoch: Int64?, record: BuildRecord,
        expected: (PackageName, Version)?
    ) async throws(BuildError) -> Built {
        let name = project.displayName
        let version = project.version ?? expected?.1.description ?? "(unknown version)"
        try checkGuard(project: name, version: version, bounds: RequiresPythonGuard.bounds(of: project, index: options.indexRequiresPython))
        let log = try makeLog(for: "\(name)-\(version)")
        var builder = ProjectBuilder(
            project: project, target: target, venvBase: venvBase, isolation: options.isolation,
            configSettings: options.configSettings, constraints: options.buildConstraints, baseEnvironment: options.environment,
            sourceDateEpoch: epoch, workDirectory: directory.path, log: log, streamOutput: options.streamOutput,
            hookTimeout: options.hookTimeout, onEvent: onEvent)
        builder.record = record
        let output = try directory.subdirectory("wheel")
        let filename: String
        do {
            filename = try await builder.buildWheel(into: output)
        } catch {
            keep(log)
            throw error
        }
        let path = FileSystem.join(output, filename)
        let start = ContinuousClock.now
        do {
            _ = try BuiltWheelCheck.check(
                path, name: expected?.0 ?? project.pkgInfo?.name ?? project.project?.name,
                version: expected?.1 ?? project.pkgInfo?.version ?? project.project?.version,
                compatibleTags: Set(target.compatibleTags), interpreter: "\(target.implementationName) \(target.fullVersion)")
        } catch {
            keep(log)
            throw .backend(BackendFailure(
                project: name, phase: .checkingWheel, hook: .buildWheel, reason: error.description, logTail: [], logPath: log.path, hint: nil))
        }
        builder.record.add(BuildPhase.checkingWheel.rawValue, since: start)
        try? FileSystem.removeTree(FileSystem.parent(of: log.path))
        return Built(wheelPath: path, filename: filename, report: report(project, builder.record, options: options, epoch: epoch))
    }

    /// Builds a wheel straight from a source tree (as `uv build --wheel DIR` does); not cached.
    public func buildWheel(tree: String, into outputDirectory: String, options: BuildOptions) async throws(BuildError) -> Outcome {
        let root = FileSystem.absolute(tree)
        guard FileSystem.isDirectory(root) else { throw .input(.sourceNotFound(tree)) }
        let project = try SourceProject.load(root)
        let directory = try BuildDirectory.make(prefix: FileSystem.basename(of: root))
        defer { directory.remove() }
        let epoch = options.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) }
        var built = try await build(project, in: directory, options: options, epoch: epoch, record: BuildRecord(), expected: nil)
        let placed = try OutputFile.place(built.wheelPath, into: outputDirectory, as: built.filename)
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
        let placed = try OutputFile.place(FileSystem.join(output, filename), into: outputDirectory, as: filename)
        var result = report(project, builder.record, options: options, epoch: epoch)
        result.sdist = placed
        return Outcome(path: placed, report: result)
    }

    private func checkGuard(project: String, version: String, bounds: [RequiresPythonGuard.Bound]) throws(BuildError) {
        do {
            try RequiresPythonGuard.check(project: project, version: version, bounds: bounds, interpreterVersion: target.fullVersion)
        } catch {
            throw .input(error)
        }
    }

    /// Logs live beside the build directories, outside them, so a failed build's log outlives its directory.
    private func makeLog(for label: String) throws(BuildError) -> BuildLog {
        let directory = try BuildDirectory.make(prefix: label + "-log")
        return BuildLog(path: FileSystem.join(directory.path, "build.log"))
    }

    private func keep(_ log: BuildLog) {
        onEvent(.logKept(log.path))
    }

    private func report(_ project: SourceProject, _ record: BuildRecord, options: BuildOptions, epoch: Int64?) -> BuildReport {
        var settings: [String: [String]] = [:]
        for key in options.configSettings.keys { settings[key] = options.configSettings.values[key]?.values ?? [] }
        return BuildReport(
            project: project.displayName, version: project.version, backend: record.backend, backendPath: record.backendPath,
            hooks: record.hooks, buildRequirements: record.buildRequirements, configSettings: settings, sourceDateEpoch: epoch,
            interpreter: .init(path: target.path, implementation: target.implementationName, version: target.fullVersion.description,
                               tag: target.compatibleTags.first?.description),
            durations: record.durations, cacheHit: false, wheel: nil, sdist: nil)
    }

    private func wheelInfo(_ path: String) throws(BuildError) -> BuildReport.WheelInfo {
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

/// What a built-wheel cache entry holds beside the wheel: the build's report, so a cache hit
/// can say how the wheel was built.
struct CachedBuild: Codable {
    static let recordName = "build.json"
    let wheel: String
    var report: BuildReport

    func encoded() throws -> [UInt8] {
        Array(try JSONEncoder().encode(self))
    }

    static func read(_ entry: String) throws(BuildError) -> CachedBuild {
        let path = FileSystem.join(entry, recordName)
        do {
            let bytes = try FileSystem.readBytes(path)
            return try JSONDecoder().decode(CachedBuild.self, from: Data(bytes))
        } catch {
            throw .cache("the built-wheel cache entry \(entry) is unreadable (\(error)); remove it with `kiln cache clean`")
        }
    }
}
