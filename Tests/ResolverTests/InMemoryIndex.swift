import PackagingModel
import Synchronization
import Resolver

/// A package index held in memory: versions, files and dependencies declared by
/// the test, no network. Metadata failures are declared as facts too.
struct InMemoryIndex: MetadataProvider {
    struct Entry: Sendable {
        var files: [DistributionFile]
        var result: MetadataResult
    }

    private(set) var entries: [PackageName: [Version: Entry]] = [:]
    private(set) var urlEntries: [String: CandidateVersion] = [:]

    /// Adds `name==version` with a wheel (or only an sdist) and its dependencies.
    mutating func add(
        _ name: String,
        _ version: String,
        _ dependencies: [String] = [],
        requiresPython: String? = nil,
        yanked: String? = nil,
        sdistOnly: Bool = false,
        buildFailure: String? = nil
    ) throws {
        let packageName = try PackageName(name)
        let parsed = try Version(version)
        let python = try requiresPython.map { try SpecifierSet($0) }
        let file = DistributionFile(
            filename: sdistOnly ? "\(name)-\(version).tar.gz" : "\(name)-\(version)-py3-none-any.whl",
            kind: sdistOnly ? .sourceDistribution : .wheel(tagPriority: 0),
            requiresPython: python,
            yankReason: yanked
        )
        let result: MetadataResult = if let buildFailure {
            .unusable(.buildFailed(BuildFailureSummary(
                phase: "get_requires", hook: "get_requires_for_build_wheel", message: "RuntimeError: \(buildFailure)",
                logTail: ["Traceback (most recent call last):", "RuntimeError: \(buildFailure)"])))
        } else {
            .metadata(PackageMetadata(requirements: try dependencies.map { try Requirement($0) }))
        }
        entries[packageName, default: [:]][parsed] = Entry(files: [file], result: result)
    }

    /// Adds a version with explicit files (for wheel-choice tests).
    mutating func add(_ name: String, _ version: String, files: [DistributionFile], dependencies: [String] = []) throws {
        let result = MetadataResult.metadata(PackageMetadata(requirements: try dependencies.map { try Requirement($0) }))
        entries[try PackageName(name), default: [:]][try Version(version)] = Entry(files: files, result: result)
    }

    mutating func addURL(_ url: String, name: String, version: String, dependencies: [String] = []) throws {
        let parsed = try Version(version)
        let file = DistributionFile(filename: url, kind: .wheel(tagPriority: 0))
        urlEntries[url] = CandidateVersion(version: parsed, files: [file])
        let result = MetadataResult.metadata(PackageMetadata(requirements: try dependencies.map { try Requirement($0) }))
        entries[try PackageName(name), default: [:]][parsed] = Entry(files: [file], result: result)
    }

    func versions(of name: PackageName) async throws(MetadataProviderError) -> [CandidateVersion] {
        (entries[name] ?? [:]).map { CandidateVersion(version: $0.key, files: $0.value.files) }
    }

    func candidate(for name: PackageName, url: String) async throws(MetadataProviderError) -> CandidateVersion {
        guard let entry = urlEntries[url] else { throw MetadataProviderError(package: name, reason: "no such URL \(url)") }
        return entry
    }

    func dependencies(of name: PackageName, version: Version, file: DistributionFile) async -> MetadataResult {
        asked.record(name, version, file.filename)
        guard let entry = entries[name]?[version] else { return .unusable(.indexUnreadable(name)) }
        guard entry.files.contains(file) else { return .unusable(.fileNotListed(file: file.filename)) }
        return entry.result
    }

    /// Which file each `dependencies` call named, in call order.
    let asked = AskedFiles()
}

/// The `(name, version, filename)` of every metadata request, for tests of the one file policy.
final class AskedFiles: Sendable {
    private let requests = Mutex<[String]>([])

    func record(_ name: PackageName, _ version: Version, _ filename: String) {
        requests.withLock { $0.append("\(name)==\(version) from \(filename)") }
    }

    var all: [String] { requests.withLock { $0 } }
}
