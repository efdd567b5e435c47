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
        let entry = try await builtWheelEntry(archive: archive, filename: filename, options: options)
        return try await obtainBuiltWheel(entry.path, label: label, into: outputDirectory) { temporary throws(BuildError) in
            try await produce(archive: archive, filename: filename, into: temporary, options: options)
        }
    }

    /// Where in `built-wheels-v1` the wheel of this sdist for this target and these options lives.
    func builtWheelEntry(archive: String, filename: SdistFilename?, options: BuildOptions) async throws(BuildError) -> (path: String, key: BuiltWheelKey) {
        let sha256: String
        do {
            sha256 = try await OffPool.run { () throws(SystemCallError) -> String in try SHA256Hasher.hexDigest(ofFile: archive) }
        } catch {
            throw .io(error)
        }
        let key = BuiltWheelKey(
            sdistSHA256: sha256, interpreter: target, configSettings: options.configSettings,
            buildConstraints: options.buildConstraints.map(\.description))
        do {
            return (try cache.entryPath(.builtWheels, [filename?.name.normalized ?? "_unnamed", key.digest]), key)
        } catch {
            throw .cache(error.description)
        }
    }

    /// The built wheel at `entry`, produced under its build lock if missing, copied into
    /// `outputDirectory`. `produce` leaves `<temporary>/<wheel>` and `<temporary>/build.json`.
    func obtainBuiltWheel(
        _ entry: String, label: String, into outputDirectory: String, produce: (String) async throws(BuildError) -> Void
    ) async throws(BuildError) -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        let onEvent = self.onEvent
        let obtained: ObtainedEntry
        do {
            obtained = try await CacheEntry.obtain(
                entry, resource: "the build of \(label)", timeout: lockTimeout,
                onWait: { _ in onEvent(.waiting("waiting for another build of \(label)")) }
            ) { temporary in
                try await produce(temporary)
            }
        } catch let error as BuildError {
            throw error
        } catch {
            throw .cache("\(error)")
        }
        var stored = try CachedBuild.read(entry)
        let cached = FileSystem.join(entry, stored.wheel)
        let wheelName = stored.wheel
        let placed = try await OffPool.run { () throws(BuildError) -> String in
            try OutputFile.place(cached, into: outputDirectory, as: wheelName, mayLink: false)
        }
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
        try Self.fill(temporary, with: built)
    }

    /// Lays out a built-wheel cache entry: the wheel and its report.
    static func fill(_ temporary: String, with built: Built) throws(BuildError) {
        do {
            try FileSystem.createDirectories(temporary)
            _ = try OutputFile.place(built.wheelPath, into: temporary, as: built.filename, mayLink: true)
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
        let placed = try OutputFile.place(built.wheelPath, into: outputDirectory, as: built.filename, mayLink: true)
        built.report.wheel = try wheelInfo(placed)
        return Outcome(path: placed, report: built.report)
    }
}
