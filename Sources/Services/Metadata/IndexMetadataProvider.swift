import Index
import PackagingModel
import Resolver
import SystemSupport

/// The resolver's `MetadataProvider` over the package index: versions from the simple pages
/// (first index that has the name, `--exclude-newer` applied by the index), dependencies from
/// the chosen file of each version (wheel metadata without downloading the wheel where
/// possible, else the sdist's static PKG-INFO). Pages and metadata are fetched at most once
/// per run and in parallel ahead of need (`prefetch`), at most `concurrency` at a time.
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

    public func versions(of name: PackageName) async throws(MetadataProviderError) -> [CandidateVersion] {
        switch await files(of: name) {
        case .success(let files): return files.candidates
        case .failure(.packageNotFound): return []
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

    public func dependencies(of name: PackageName, version: Version) async -> MetadataResult {
        await metadataTask(name, version).value
    }

    /// Cancels the fetches still under way (speculative ones the resolution did not need) and
    /// waits for them to end, so none outlives the operation that owns this provider. Lookups
    /// of what was already fetched (`indexFile`, `hashes`) still answer afterwards.
    public func finish() async {
        let (pageTasks, metadataTasks) = await state.cancelAll()
        for task in pageTasks { _ = await task.value }
        for task in metadataTasks { _ = await task.value }
    }

    public func prefetch(_ hints: [PrefetchHint]) async {
        for hint in hints {
            switch hint {
            case .versions(let name): _ = await pageTask(name)
            case .dependencies(let name, let version): _ = await metadataTask(name, version)
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
                if options.strategy == .highest, case .success(let files) = result, let pick = files.likelyFirstPick(python: pythonVersion) {
                    _ = await metadataTask(name, pick)
                }
                return result
            }
        }
    }

    private func metadataTask(_ name: PackageName, _ version: Version) async -> Task<MetadataResult, Never> {
        await state.metadata(name, version) {
            Task { await fetchMetadata(name, version) }
        }
    }

    private func fetchMetadata(_ name: PackageName, _ version: Version) async -> MetadataResult {
        guard case .success(let files) = await files(of: name) else {
            return .unusable(reason: "the index page of \(name) could not be read", isBuildFailure: false)
        }
        guard let chosen = files.chosenFile(
            for: version, noBinary: options.noBinary.contains(name), onlyBinary: options.onlyBinary.contains(name))
        else {
            return .unusable(reason: "no file of \(name) \(version) can be used here", isBuildFailure: false)
        }
        if !chosen.distribution.isWheel {
            return await gate.run { await sdists.metadata(of: chosen.index, name: name, version: version, index: index) }
        }
        return await gate.run { () async -> MetadataResult in
            let bytes: [UInt8]
            do {
                bytes = try await wheels.metadata(of: chosen.index, project: name)
            } catch {
                return .unusable(reason: String(describing: error), isBuildFailure: false)
            }
            do {
                let metadata = try CoreMetadata(parsing: bytes, source: chosen.index.filename + "/METADATA")
                return MetadataCheck.result(metadata, expectedName: name, expectedVersion: version, filename: chosen.index.filename)
            } catch {
                return .unusable(reason: "\(chosen.index.filename) has unreadable metadata: \(error)", isBuildFailure: false)
            }
        }
    }
}

/// What one provider has fetched or is fetching, so each page and metadata is asked for once.
actor ProviderState {
    private struct Key: Hashable {
        let name: PackageName
        let version: Version
    }

    private var pages: [PackageName: Task<Result<ProjectFiles, IndexError>, Never>] = [:]
    var pageNames: Dictionary<PackageName, Task<Result<ProjectFiles, IndexError>, Never>>.Keys { pages.keys }
    private var metadata: [Key: Task<MetadataResult, Never>] = [:]

    func page(_ name: PackageName, start: () -> Task<Result<ProjectFiles, IndexError>, Never>) -> Task<Result<ProjectFiles, IndexError>, Never> {
        if let known = pages[name] { return known }
        let task = start()
        pages[name] = task
        return task
    }

    func setFiles(_ files: ProjectFiles, for name: PackageName) {
        pages[name] = Task { .success(files) }
    }

    func metadata(_ name: PackageName, _ version: Version, start: () -> Task<MetadataResult, Never>) -> Task<MetadataResult, Never> {
        let key = Key(name: name, version: version)
        if let known = metadata[key] { return known }
        let task = start()
        metadata[key] = task
        return task
    }

    /// Cancels every fetch (finished ones ignore it) and hands them over to be awaited.
    func cancelAll() -> (pages: [Task<Result<ProjectFiles, IndexError>, Never>], metadata: [Task<MetadataResult, Never>]) {
        pages.values.forEach { $0.cancel() }
        metadata.values.forEach { $0.cancel() }
        return (Array(pages.values), Array(metadata.values))
    }
}
