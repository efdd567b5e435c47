import Cache
import PackagingModel
import SystemSupport

/// The steps of an `SdistBuildSession`, outside the actor: each takes the session's tree (made
/// on first need) and hands it back, dropped when a step failed (a half-prepared environment is
/// not reused).
struct SdistBuildFlow: Sendable {
    let service: BuildService
    let archive: String
    let filename: SdistFilename?
    let options: BuildOptions

    var label: String { filename.map { "\($0.name) \($0.version)" } ?? FileSystem.basename(of: archive) }
    private var expected: (PackageName, Version)? { filename.map { ($0.name, $0.version) } }

    func metadata(tree: inout SessionTree?) async throws(BuildError) -> PreparedMetadata {
        guard FileSystem.exists(archive) else { throw .input(.sourceNotFound(archive)) }
        try checkIndexRequiresPython()
        // --no-isolation results depend on what the interpreter has installed: never cached.
        guard options.isIsolated else { return try await prepareInTree(&tree, wheelEntry: nil) }
        let entries = try await locate()
        let metadataFile = FileSystem.join(entries.metadata, "METADATA")
        if CacheEntry.isPublished(entries.metadata) { return PreparedMetadata(metadata: try read(metadataFile), origin: .metadataCache) }
        if let fromWheel = try builtWheelMetadata(entries.wheel) { return fromWheel }
        var origin = MetadataOrigin.metadataCache
        let onEvent = service.onEvent
        let label = self.label
        do {
            _ = try await CacheEntry.obtain(
                entries.metadata, resource: "the metadata build of \(label)", timeout: service.lockTimeout,
                onWait: { _ in onEvent(.waiting("waiting for another metadata build of \(label)")) }
            ) { temporary in
                let prepared = try await prepareInTree(&tree, wheelEntry: entries.wheel)
                origin = prepared.origin
                try FileSystem.createDirectories(temporary)
                try FileSystem.writeAtomically(prepared.metadata, to: FileSystem.join(temporary, "METADATA"), flush: false)
            }
        } catch let error as BuildError {
            throw error
        } catch {
            throw .cache("\(error)")
        }
        return PreparedMetadata(metadata: try read(metadataFile), origin: origin)
    }

    func wheel(into outputDirectory: String, tree: inout SessionTree?) async throws(BuildError) -> BuildService.Outcome {
        guard FileSystem.exists(archive) else { throw .input(.sourceNotFound(archive)) }
        try checkIndexRequiresPython()
        guard options.isIsolated else {
            var built = try await buildInTree(&tree)
            let placed = try OutputFile.place(built.wheelPath, into: outputDirectory, as: built.filename, mayLink: false)
            built.report.wheel = try service.wheelInfo(placed)
            return BuildService.Outcome(path: placed, report: built.report)
        }
        let entries = try await locate()
        return try await service.obtainBuiltWheel(entries.wheel, label: label, into: outputDirectory) { temporary throws(BuildError) in
            let built = try await buildInTree(&tree)
            try BuildService.fill(temporary, with: built)
        }
    }

    // MARK: - Steps in the tree

    /// Runs the metadata hook in the session's tree; a wheel the hook runner built on the way
    /// (no prepare_metadata hook) is checked and published to `wheelEntry`.
    private func prepareInTree(_ tree: inout SessionTree?, wheelEntry: String?) async throws(BuildError) -> PreparedMetadata {
        var current = try await existingOrNew(tree)
        tree = nil
        do {
            let directory = try current.directory.subdirectory("metadata")
            let distInfo = try await current.builder.prepareMetadata(into: directory)
            let bytes = try read(distInfo.metadataPath)
            guard let wheel = distInfo.fallbackWheel else {
                tree = current
                return PreparedMetadata(metadata: bytes, origin: .hook)
            }
            try await service.checkWheel(wheel, of: current.project, expected: expected, builder: &current.builder, log: current.log)
            current.fallbackWheel = wheel
            if let wheelEntry {
                let built = BuildService.Built(
                    wheelPath: wheel, filename: FileSystem.basename(of: wheel),
                    report: service.report(current.project, current.builder.record, options: options, epoch: current.epoch))
                try await publish(built, to: wheelEntry)
            }
            tree = current
            return PreparedMetadata(metadata: bytes, origin: .wheelBuild)
        } catch {
            service.keep(current.log)
            current.remove(keepingLog: true)
            throw error
        }
    }

    private func buildInTree(_ tree: inout SessionTree?) async throws(BuildError) -> BuildService.Built {
        var current = try await existingOrNew(tree)
        tree = nil
        let report = { (current: SessionTree) in
            service.report(current.project, current.builder.record, options: options, epoch: current.epoch)
        }
        if let wheel = current.fallbackWheel {
            tree = current
            return BuildService.Built(wheelPath: wheel, filename: FileSystem.basename(of: wheel), report: report(current))
        }
        do {
            let output = try current.directory.subdirectory("wheel")
            let filename = try await current.builder.buildWheel(into: output)
            let path = FileSystem.join(output, filename)
            try await service.checkWheel(path, of: current.project, expected: expected, builder: &current.builder, log: current.log)
            current.fallbackWheel = path
            tree = current
            return BuildService.Built(wheelPath: path, filename: filename, report: report(current))
        } catch {
            service.keep(current.log)
            current.remove(keepingLog: true)
            throw error
        }
    }

    /// Unpacks the sdist into a build directory of its own, checks it and makes its builder.
    private func existingOrNew(_ tree: SessionTree?) async throws(BuildError) -> SessionTree {
        if let tree { return tree }
        let directory = try BuildDirectory.make(prefix: filename.map { "\($0.name.normalized)-\($0.version)" } ?? "sdist")
        do {
            let unpacked = try await service.unpack(archive, filename: filename, in: directory, options: options)
            let project = unpacked.project
            let version = project.version ?? expected?.1.description ?? "(unknown version)"
            try service.checkGuard(
                project: project.displayName, version: version,
                bounds: RequiresPythonGuard.bounds(of: project, index: options.indexRequiresPython))
            let log = try service.makeLog(for: "\(project.displayName)-\(version)")
            var builder = service.makeBuilder(project, in: directory, options: options, epoch: unpacked.epoch, log: log)
            builder.record = unpacked.record
            return SessionTree(directory: directory, project: project, epoch: unpacked.epoch, log: log, builder: builder)
        } catch {
            directory.remove()
            throw error
        }
    }

    // MARK: - Cache

    private func locate() async throws(BuildError) -> (wheel: String, metadata: String) {
        let wheel = try await service.builtWheelEntry(archive: archive, filename: filename, options: options)
        do {
            let metadata = try service.cache.entryPath(.builtMetadata, [filename?.name.normalized ?? "_unnamed", wheel.key.digest])
            return (wheel.path, metadata)
        } catch {
            throw .cache(error.description)
        }
    }

    private func builtWheelMetadata(_ entry: String) throws(BuildError) -> PreparedMetadata? {
        guard CacheEntry.isPublished(entry) else { return nil }
        let stored = try CachedBuild.read(entry)
        return PreparedMetadata(metadata: try WheelMetadataMember.read(FileSystem.join(entry, stored.wheel)), origin: .builtWheelCache)
    }

    private func publish(_ built: BuildService.Built, to entry: String) async throws(BuildError) {
        let onEvent = service.onEvent
        let label = self.label
        do {
            _ = try await CacheEntry.obtain(
                entry, resource: "the build of \(label)", timeout: service.lockTimeout,
                onWait: { _ in onEvent(.waiting("waiting for another build of \(label)")) }
            ) { temporary in
                try BuildService.fill(temporary, with: built)
            }
        } catch let error as BuildError {
            throw error
        } catch {
            throw .cache("\(error)")
        }
    }

    private func read(_ path: String) throws(BuildError) -> [UInt8] {
        do {
            return try FileSystem.readBytes(path)
        } catch {
            throw .io(error)
        }
    }

    private func checkIndexRequiresPython() throws(BuildError) {
        guard let bound = options.indexRequiresPython, let filename else { return }
        try service.checkGuard(project: filename.name.original, version: filename.version.description,
                               bounds: [RequiresPythonGuard.Bound(specifier: bound, source: "the index")])
    }
}
