import Index
import PackagingModel
import Resolver

/// Resolves requirements (and constraints) for one interpreter against the package index.
public struct RequirementsResolver: Sendable {
    public let index: PackageIndex
    public let target: ResolutionTarget
    public let options: ResolverOptions
    public let sdists: any SdistMetadataSource
    public let delegate: (any ResolverDelegate)?

    public init(
        index: PackageIndex, target: ResolutionTarget, options: ResolverOptions = ResolverOptions(),
        sdists: any SdistMetadataSource = StaticPKGInfoSource(), delegate: (any ResolverDelegate)? = nil
    ) {
        self.index = index
        self.target = target
        self.options = options
        self.sdists = sdists
        self.delegate = delegate
    }

    /// A resolution together with the provider that made it (it knows each pick's index file).
    public struct Outcome: Sendable {
        public let resolution: Resolution
        public let provider: IndexMetadataProvider
    }

    public func makeProvider() -> IndexMetadataProvider {
        IndexMetadataProvider(index: index, tags: target.tags, pythonVersion: target.environment.pythonVersion, options: options, sdists: sdists)
    }

    /// The outcome's provider belongs to the caller, who calls its `finish()` when done with it;
    /// on failure this finishes it itself.
    public func resolve(_ requirements: [RequirementEntry], constraints: [RequirementEntry] = []) async throws(RequirementsError) -> Outcome {
        let provider = makeProvider()
        do {
            return try await resolve(requirements, constraints: constraints, provider: provider, wrappedBy: nil)
        } catch {
            await provider.finish()
            throw error
        }
    }

    /// `wrappedBy` lets installs answer some packages from the environment (installed versions
    /// as preferences) while the index provider answers the rest.
    func resolve(
        _ requirements: [RequirementEntry], constraints: [RequirementEntry], provider: IndexMetadataProvider,
        wrappedBy wrapper: (any MetadataProvider)?
    ) async throws(RequirementsError) -> Outcome {
        let resolver = Resolver(provider: wrapper ?? provider, environment: target.environment, options: options, delegate: delegate)
        do {
            let resolution = try await resolver.resolve(requirements.map(\.requirement), constraints: constraints.map(\.requirement))
            return Outcome(resolution: resolution, provider: provider)
        } catch .noSolution(let explanation, let hints) {
            let more = await provider.requiresPythonHints(mentionedIn: explanation, roots: requirements.map(\.requirement))
            throw .resolution(.noSolution(explanation: explanation, hints: hints + more.filter { !hints.contains($0) }))
        } catch {
            throw .resolution(error)
        }
    }
}

/// `kiln compile`: pins as `name==version` lines, sorted, optionally with every file's hash.
public enum PinsFormatter {
    public static func lines(_ outcome: RequirementsResolver.Outcome, generateHashes: Bool) async -> [String] {
        var lines: [String] = []
        for package in outcome.resolution.packages.sorted(by: { $0.name.normalized < $1.name.normalized }) {
            var line = package.url.map { "\(package.name.normalized) @ \($0)" } ?? "\(package.name.normalized)==\(package.version)"
            if generateHashes {
                let hashes = await outcome.provider.hashes(of: package.name, version: package.version)
                if !hashes.isEmpty {
                    line += " \\\n" + hashes.map { "    --hash=sha256:\($0)" }.joined(separator: " \\\n")
                }
            }
            lines.append(line)
        }
        return lines
    }
}

extension IndexMetadataProvider {
    /// The SHA-256 of every file of `version` the index lists (sorted, distinct): what
    /// `--generate-hashes` writes so any of them may be installed later.
    public func hashes(of name: PackageName, version: Version) async -> [String] {
        guard case .success(let files) = await files(of: name) else { return [] }
        return Array(Set(files.allFiles(of: version).compactMap(\.hashes.sha256))).sorted()
    }
}
