import BuildFrontend
import Index
import PackagingModel
import Resolver
import SystemSupport

/// The resolver's `MetadataProvider` over the package index: versions from the simple pages
/// (first index that has the name, `--exclude-newer` applied by the index), dependencies from
/// the file the resolver chose for each version (wheel metadata without downloading the wheel
/// where possible; for an sdist, `sdists`: its static PKG-INFO, or a build). Pages and metadata
/// are fetched at most once per run and in parallel ahead of need (`prefetch`), at most
/// `concurrency` at a time; a prefetch never builds (an sdist that needs a build is built when
/// the resolver asks for it, behind the builds' own limit).
public struct IndexMetadataProvider: MetadataProvider {
    public let index: PackageIndex
    public let tags: TagPriority
    public let pythonVersion: Version
    public let options: ResolverOptions
    let wheels: WheelMetadataFetcher
    let sdists: any SdistMetadataSource
    let state: ProviderState
    let gate: ConcurrencyGate
    let tagRanks: TagRankCache

    public init(
        index: PackageIndex, tags: TagPriority, pythonVersion: Version, options: ResolverOptions = ResolverOptions(),
        sdists: any SdistMetadataSource = StaticPKGInfoSource(), concurrency: Int = 16
    ) {
        self.index = index
        self.tags = tags
        self.pythonVersion = pythonVersion
        self.options = options
        self.wheels = WheelMetadataFetcher(index: index)
        self.sdists = sdists
        self.state = ProviderState()
        self.gate = ConcurrencyGate(limit: concurrency)
        self.tagRanks = TagRankCache(tags: tags)
    }

    /// Every file of every version built: for providers that wrap this one through
    /// `versions(of:)` (the resolver itself asks `listing(of:)`). Built once per page, however
    /// many resolutions ask.
    public func versions(of name: PackageName) async throws(MetadataProviderError) -> [CandidateVersion] {
        switch await files(of: name) {
        case .success(let files): return await state.candidates(of: name) { files.candidates }
        case .failure(.packageNotFound): return []
        case .failure(let error): throw MetadataProviderError(package: name, reason: error.description)
        }
    }

    public func listing(of name: PackageName) async throws(MetadataProviderError) -> VersionListing {
        switch await files(of: name) {
        case .success(let files): return files.versionListing
        case .failure(.packageNotFound): return VersionListing(versions: [], files: { _ in [] })
        case .failure(let error): throw MetadataProviderError(package: name, reason: error.description)
        }
    }

    public func candidate(for name: PackageName, url: String) async throws(MetadataProviderError) -> CandidateVersion {
        let files: ProjectFiles
        do {
            files = try DirectReference.files(name: name, url: url, tags: tags)
        } catch {
            throw MetadataProviderError(package: name, reason: error.description)
        }
        await state.setFiles(files, for: name)
        guard let only = files.candidates.first else { throw MetadataProviderError(package: name, reason: "\(url) has no usable file") }
        return only
    }

    public func dependencies(of name: PackageName, version: Version, file: DistributionFile) async -> MetadataResult {
        let key = MetadataKey(name: name, version: version, filename: file.filename)
        switch await metadataTask(key).value {
        case .answered(let result):
            return result
        case .needsBuild(let sdist):
            // An interrupted resolution starts no more builds.
            if Task.isCancelled { return .unusable(.buildFailed(BuildFailureSummary(error: .cancelled))) }
            // Only now, with the resolver asking, does a build start (once per file).
            let sdists = self.sdists
            let build = await state.building(key) {
                Task { await sdists.builtMetadata(of: sdist, filename: key.filename, name: name, version: version) }
            }
            // The build runs in a task of its own (shared by every asker): pass a cancellation on,
            // so a signal stops its backend now rather than when the provider finishes.
            return await withTaskCancellationHandler { await build.value } onCancel: { build.cancel() }
        }
    }

    /// Cancels the fetches still under way (speculative ones the resolution did not need) and
    /// waits for them to end, so none outlives the operation that owns this provider. Lookups
    /// of what was already fetched (`indexFile`, `hashes`) still answer afterwards.
    public func finish() async {
        let (pages, metadata, builds) = await state.cancelAll()
        for task in pages { _ = await task.value }
        for task in metadata { _ = await task.value }
        for task in builds { _ = await task.value }
    }

    public func prefetch(_ hints: [PrefetchHint]) async {
        for hint in hints {
            switch hint {
            case .versions(let name): _ = await pageTask(name)
            case .dependencies(let name, let version, let file):
                // Fetching only: a guess is not worth a backend run (static PKG-INFO is read).
                _ = await metadataTask(MetadataKey(name: name, version: version, filename: file.filename))
            }
        }
    }

    /// The index file the resolver's pick of `name` `version` stands for (for downloads).
    public func indexFile(_ name: PackageName, version: Version, filename: String) async -> IndexFile? {
        guard case .success(let files) = await files(of: name) else { return nil }
        return files.files(of: version)?.first { $0.distribution.filename == filename }?.index
    }

    func files(of name: PackageName) async -> Result<ProjectFiles, IndexError> {
        await pageTask(name).value
    }

    private func pageTask(_ name: PackageName) async -> Task<Result<ProjectFiles, IndexError>, Never> {
        await state.page(name) {
            Task {
                let result = await gate.run { () async -> Result<ProjectPage, IndexError> in
                    // Named first: see `Result.awaiting` for the miscompile this avoids.
                    await Result.awaiting { () async throws(IndexError) in try await index.project(name) }
                }.map { ProjectFiles(page: $0, tagRanks: tagRanks) }
                // The newest version with a fitting wheel is what the resolver will most likely
                // want first: start on its metadata now.
                if options.strategy == .highest, !options.noBinary.contains(name), case .success(let files) = result,
                   let pick = files.likelyFirstPick(python: pythonVersion) {
                    _ = await metadataTask(MetadataKey(name: name, version: pick.version, filename: pick.filename), prefetchingDependencyPages: true)
                }
                return result
            }
        }
    }

    /// The fetch of one file's metadata, started once; it never builds (an sdist that needs a
    /// build comes back as `.needsBuild`). With `prefetchingDependencyPages` (the likely first
    /// pick of a page), the pages of its unconditional dependencies are started as soon as the
    /// metadata is in: on a cold run the resolver would otherwise ask for each one only when it
    /// reaches it, a network round trip later per level of the dependency tree. Each of those
    /// pages in turn starts on its own likely pick, so the likely tree is fetched at the pace of
    /// the network (within `gate`), ahead of the resolver.
    private func metadataTask(_ key: MetadataKey, prefetchingDependencyPages: Bool = false) async -> Task<SdistMetadataAnswer, Never> {
        await state.metadata(key) {
            Task {
                let answer = await fetchMetadata(key)
                if prefetchingDependencyPages, case .answered(.metadata(let metadata)) = answer {
                    for requirement in metadata.requirements where requirement.marker == nil {
                        // `finish()` cancelled the fetches: start no more.
                        guard !Task.isCancelled else { break }
                        guard case .specifiers = requirement.source else { continue }
                        _ = await pageTask(requirement.name)
                    }
                }
                return answer
            }
        }
    }

    private func fetchMetadata(_ key: MetadataKey) async -> SdistMetadataAnswer {
        let (name, version) = (key.name, key.version)
        guard case .success(let files) = await files(of: name) else { return .answered(.unusable(.indexUnreadable(name))) }
        // The very file the resolver chose: metadata, pin and download are one file.
        guard let chosen = files.files(of: version)?.first(where: { $0.distribution.filename == key.filename }) else {
            return .answered(.unusable(.fileNotListed(file: key.filename)))
        }
        if !chosen.distribution.isWheel {
            let sdists = self.sdists
            let index = self.index
            return await gate.run { await sdists.staticMetadata(of: chosen.index, name: name, version: version, index: index) }
        }
        return .answered(await gate.run { () async -> MetadataResult in
            // On a warm cache, read from the parsed entry beside the cached METADATA: no header parse.
            let metadata: DependencyMetadata
            do throws(WheelMetadataError) {
                metadata = try await wheels.dependencies(of: chosen.index, project: name)
            } catch {
                if case .invalidMetadata(_, let reason) = error {
                    return .unusable(.metadataUnreadable(file: chosen.index.filename, detail: String(describing: reason)))
                }
                return .unusable(.download(file: chosen.index.filename, detail: String(describing: error)))
            }
            return MetadataCheck.result(metadata, expectedName: name, expectedVersion: version, filename: chosen.index.filename)
        })
    }
}

/// One file's metadata: the version's file the resolver chose, by name.
struct MetadataKey: Hashable, Sendable {
    let name: PackageName
    let version: Version
    let filename: String
}

/// What one provider has fetched or is fetching, so each page and metadata is asked for once.
actor ProviderState {
    private var pages: [PackageName: Task<Result<ProjectFiles, IndexError>, Never>] = [:]
    var pageNames: Dictionary<PackageName, Task<Result<ProjectFiles, IndexError>, Never>>.Keys { pages.keys }
    private var metadata: [MetadataKey: Task<SdistMetadataAnswer, Never>] = [:]
    private var builds: [MetadataKey: Task<MetadataResult, Never>] = [:]
    private var candidates: [PackageName: [CandidateVersion]] = [:]

    func page(_ name: PackageName, start: () -> Task<Result<ProjectFiles, IndexError>, Never>) -> Task<Result<ProjectFiles, IndexError>, Never> {
        if let known = pages[name] { return known }
        let task = start()
        pages[name] = task
        return task
    }

    func setFiles(_ files: ProjectFiles, for name: PackageName) {
        pages[name] = Task { .success(files) }
        candidates[name] = nil
    }

    /// `versions(of:)`'s answer for `name`, built on first use.
    func candidates(of name: PackageName, build: () -> [CandidateVersion]) -> [CandidateVersion] {
        if let known = candidates[name] { return known }
        let built = build()
        candidates[name] = built
        return built
    }

    func metadata(_ key: MetadataKey, start: () -> Task<SdistMetadataAnswer, Never>) -> Task<SdistMetadataAnswer, Never> {
        if let known = metadata[key] { return known }
        let task = start()
        metadata[key] = task
        return task
    }

    /// The metadata build of a file whose fetch said it needs one; started once, however many
    /// callers ask.
    func building(_ key: MetadataKey, start: () -> Task<MetadataResult, Never>) -> Task<MetadataResult, Never> {
        if let known = builds[key] { return known }
        let task = start()
        builds[key] = task
        return task
    }

    /// Cancels every fetch and build (finished ones ignore it) and hands them over to be awaited.
    func cancelAll() -> (
        pages: [Task<Result<ProjectFiles, IndexError>, Never>], metadata: [Task<SdistMetadataAnswer, Never>],
        builds: [Task<MetadataResult, Never>]
    ) {
        pages.values.forEach { $0.cancel() }
        metadata.values.forEach { $0.cancel() }
        builds.values.forEach { $0.cancel() }
        return (Array(pages.values), Array(metadata.values), Array(builds.values))
    }
}
