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

    public func dependencies(of name: PackageName, version: Version, file: DistributionFile) async -> MetadataResult {
        let key = MetadataKey(name: name, version: version, filename: file.filename)
        if let answered = await metadataTask(key, mayBuild: false).value { return answered }
        // A prefetch found that only a build can tell: now that the resolver asks, build.
        return await state.buildingMetadata(key) { Task { await fetchMetadata(key, mayBuild: true) } }.value
            ?? .unusable(.buildNeeded(file: file.filename))
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
            case .dependencies(let name, let version, let file):
                // Never `mayBuild`: a guess is not worth a backend run (static PKG-INFO is read).
                _ = await metadataTask(MetadataKey(name: name, version: version, filename: file.filename), mayBuild: false)
            }
        }
    }

    /// The index file the resolver's pick of `name` `version` stands for (for downloads).
    public func indexFile(_ name: PackageName, version: Version, filename: String) async -> IndexFile? {
        guard case .success(let files) = await files(of: name) else { return nil }
        return files.byVersion[version]?.first { $0.index.filename == filename }?.index
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
                }.map { ProjectFiles(page: $0, tags: tags) }
                // The newest version with a fitting wheel is what the resolver will most likely
                // want first: start on its metadata now.
                if options.strategy == .highest, !options.noBinary.contains(name), case .success(let files) = result,
                   let pick = files.likelyFirstPick(python: pythonVersion) {
                    _ = await metadataTask(MetadataKey(name: name, version: pick.version, filename: pick.filename), mayBuild: false)
                }
                return result
            }
        }
    }

    /// The fetch of one file's metadata, started once. Its result is nil only when `mayBuild`
    /// was false and the file is an sdist that needs a build.
    private func metadataTask(_ key: MetadataKey, mayBuild: Bool) async -> Task<MetadataResult?, Never> {
        await state.metadata(key) {
            Task { await fetchMetadata(key, mayBuild: mayBuild) }
        }
    }

    private func fetchMetadata(_ key: MetadataKey, mayBuild: Bool) async -> MetadataResult? {
        let (name, version) = (key.name, key.version)
        guard case .success(let files) = await files(of: name) else { return .unusable(.indexUnreadable(name)) }
        // The very file the resolver chose: metadata, pin and download are one file.
        guard let chosen = files.byVersion[version]?.first(where: { $0.distribution.filename == key.filename }) else {
            return .unusable(.fileNotListed(file: key.filename))
        }
        if !chosen.distribution.isWheel {
            // Downloading and reading PKG-INFO share the fetch gate; a build (behind its own,
            // narrower limit inside the source) is not held against it.
            let sdists = self.sdists
            let index = self.index
            let answer = await gate.run {
                await sdists.metadata(of: chosen.index, name: name, version: version, index: index, mayBuild: false)
            }
            switch answer {
            case .answered(let result): return result
            case .needsBuild where mayBuild:
                switch await sdists.metadata(of: chosen.index, name: name, version: version, index: index, mayBuild: true) {
                case .answered(let result): return result
                case .needsBuild: return .unusable(.buildNeeded(file: chosen.index.filename))
                }
            case .needsBuild: return nil
            }
        }
        return await gate.run { () async -> MetadataResult in
            let bytes: [UInt8]
            do {
                bytes = try await wheels.metadata(of: chosen.index, project: name)
            } catch {
                return .unusable(.download(file: chosen.index.filename, detail: String(describing: error)))
            }
            do {
                let metadata = try CoreMetadata(parsing: bytes, source: chosen.index.filename + "/METADATA")
                return MetadataCheck.result(metadata, expectedName: name, expectedVersion: version, filename: chosen.index.filename)
            } catch {
                return .unusable(.metadataUnreadable(file: chosen.index.filename, detail: String(describing: error)))
            }
        }
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
    private var metadata: [MetadataKey: Task<MetadataResult?, Never>] = [:]
    private var builds: [MetadataKey: Task<MetadataResult?, Never>] = [:]

    func page(_ name: PackageName, start: () -> Task<Result<ProjectFiles, IndexError>, Never>) -> Task<Result<ProjectFiles, IndexError>, Never> {
        if let known = pages[name] { return known }
        let task = start()
        pages[name] = task
        return task
    }

    func setFiles(_ files: ProjectFiles, for name: PackageName) {
        pages[name] = Task { .success(files) }
    }

    func metadata(_ key: MetadataKey, start: () -> Task<MetadataResult?, Never>) -> Task<MetadataResult?, Never> {
        if let known = metadata[key] { return known }
        let task = start()
        metadata[key] = task
        return task
    }

    /// The building fetch of a file whose first fetch (a prefetch) ended with "needs a build";
    /// started once, however many callers ask.
    func buildingMetadata(_ key: MetadataKey, start: () -> Task<MetadataResult?, Never>) -> Task<MetadataResult?, Never> {
        if let known = builds[key] { return known }
        let task = start()
        builds[key] = task
        return task
    }

    /// Cancels every fetch (finished ones ignore it) and hands them over to be awaited.
    func cancelAll() -> (pages: [Task<Result<ProjectFiles, IndexError>, Never>], metadata: [Task<MetadataResult?, Never>]) {
        pages.values.forEach { $0.cancel() }
        metadata.values.forEach { $0.cancel() }
        builds.values.forEach { $0.cancel() }
        return (Array(pages.values), Array(metadata.values) + Array(builds.values))
    }
}
