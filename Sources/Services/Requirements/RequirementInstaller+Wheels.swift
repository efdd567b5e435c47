import BuildFrontend
import Index
import Install
import PackagingModel
import SystemSupport

/// Turning picks into wheel files: downloads in parallel, each sdist built as soon as its
/// download ends (at most `InstallBuilders.concurrency` builds at once), and local sources built
/// before resolution.
extension RequirementInstaller {
    /// A wheel ready for the installer.
    struct PreparedWheel: Sendable {
        let path: String
        /// SHA-256 of the downloaded file (the sdist, when it was built).
        let downloadedSHA256: String
        let origin: DirectOrigin?
        /// Set when the wheel came from a build (or the built-wheel cache).
        let build: BuildTally.Build?
    }

    /// The wheel of a local source and the direct reference that stands for it in resolution.
    struct LocalWheel: Sendable {
        let wheel: LocalBuiltWheel
        let requirement: Requirement
    }

    /// Builds local sources one after another (each may be a large project; their builds are
    /// few and the user named each), before resolution.
    func buildLocalSources(_ sources: [LocalSource], tally: inout BuildTally) async throws(RequirementsError) -> [LocalWheel] {
        guard !sources.isEmpty else { return [] }
        guard let local = builders?.local else { throw .internalInconsistency("local sources were given to an installer that cannot build them") }
        var wheels: [LocalWheel] = []
        for source in sources {
            let label = Self.label(of: source)
            onEvent(.buildStarted(label: label))
            let start = ContinuousClock.now
            let built: LocalBuiltWheel
            do {
                built = try await local.wheel(for: source)
            } catch {
                onEvent(.buildFinished(label: label, .failed))
                throw .build(error)
            }
            onEvent(.buildFinished(label: label, built.fromCache ? .cached : .built))
            tally.add(BuildTally.Build(start: start, end: ContinuousClock.now, fromCache: built.fromCache, isSdist: source.isSdist))
            let requirement: Requirement
            do {
                requirement = try Requirement("\(built.name.original) @ file://\(built.wheelPath)")
            } catch {
                throw .internalInconsistency("the wheel \(built.wheelPath) cannot be named as a requirement: \(error)")
            }
            wheels.append(LocalWheel(wheel: built, requirement: requirement))
        }
        return wheels
    }

    private static func label(of source: LocalSource) -> String {
        switch source {
        case .sdist(let path): FileSystem.basename(of: path)
        case .tree(let path): FileSystem.basename(of: FileSystem.absolute(path))
        case .editable(let path): FileSystem.basename(of: FileSystem.absolute(path)) + " (editable)"
        }
    }

    /// Prepares every pick; the wheels come back in the order of `picks`. The first failure
    /// cancels the rest and is the one reported.
    func prepareAll(_ picks: [Pick], hashPolicy: HashPolicy) async throws(RequirementsError) -> [PreparedWheel] {
        let gate = ConcurrencyGate(limit: builders?.concurrency ?? 1)
        let results = await withTaskGroup(of: (Int, Result<PreparedWheel, RequirementsError>).self) { group in
            for (slot, pick) in picks.enumerated() {
                group.addTask {
                    // Named first: see `Result.awaiting` for the miscompile this avoids.
                    let result = await Result.awaiting { () async throws(RequirementsError) -> PreparedWheel in
                        try await prepare(pick, gate: gate, hashPolicy: hashPolicy)
                    }
                    return (slot, result)
                }
            }
            var collected = [Result<PreparedWheel, RequirementsError>?](repeating: nil, count: picks.count)
            for await (slot, result) in group where collected.indices.contains(slot) {
                collected[slot] = result
                if case .failure = result { group.cancelAll() }
            }
            return collected
        }
        // A cancelled sibling's error is not the cause: report a real failure first.
        let failures = results.compactMap { result -> RequirementsError? in
            if case .failure(let error)? = result { return error }
            return nil
        }
        if let failure = failures.first(where: { $0 != .build(.cancelled) }) ?? failures.first { throw failure }
        return try results.enumerated().map { slot, result throws(RequirementsError) in
            guard case .success(let wheel)? = result else {
                throw .internalInconsistency("no wheel was prepared for \(picks[slot].label)")
            }
            return wheel
        }
    }

    /// Download (hash-checked), then, for an sdist, the build.
    private func prepare(_ pick: Pick, gate: ConcurrencyGate, hashPolicy: HashPolicy) async throws(RequirementsError) -> PreparedWheel {
        let downloaded: DownloadedFile
        do {
            downloaded = try await resolver.index.download(pick.file)
        } catch {
            throw .index(error)
        }
        try hashPolicy.check(pick.package.name, listed: downloaded.sha256, filename: pick.file.filename)
        let origin = pick.origin(downloadedSHA256: downloaded.sha256)
        if pick.isWheel {
            return PreparedWheel(path: downloaded.path, downloadedSHA256: downloaded.sha256, origin: origin, build: nil)
        }
        guard let builders else {
            throw .sdistNeedsBuild(name: pick.package.name, version: pick.package.version, filename: pick.file.filename)
        }
        let sdist = SdistToBuild(
            path: downloaded.path, sha256: downloaded.sha256, name: pick.package.name, version: pick.package.version,
            requiresPython: pick.file.requiresPython.flatMap { try? SpecifierSet($0) })
        await gate.enter()
        onEvent(.buildStarted(label: pick.label))
        let start = ContinuousClock.now
        let built = await Result.awaiting { () async throws(BuildError) -> BuiltSdistWheel in try await builders.sdists.wheel(for: sdist) }
        let end = ContinuousClock.now
        await gate.leave()
        switch built {
        case .success(let wheel):
            onEvent(.buildFinished(label: pick.label, wheel.fromCache ? .cached : .built))
            return PreparedWheel(
                path: wheel.path, downloadedSHA256: downloaded.sha256, origin: origin,
                build: BuildTally.Build(start: start, end: end, fromCache: wheel.fromCache, isSdist: true))
        case .failure(let error):
            onEvent(.buildFinished(label: pick.label, .failed))
            throw .build(error)
        }
    }
}
