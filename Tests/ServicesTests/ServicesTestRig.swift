import Cache
import Index
import Install
import PackagingModel
import Resolver
import Services
import TestSupport
import Testing

/// A loopback index over a `PackageRepository`, a fresh cache, and a CPython 3.12-like target.
struct ServicesTestRig {
    let repository: PackageRepository
    let server: LoopbackIndexServer
    let cacheDirectory: TemporaryDirectory
    let cache: CacheRoot

    init(_ repository: PackageRepository) async throws {
        self.repository = repository
        server = try LoopbackIndexServer(root: repository.root)
        cacheDirectory = try TemporaryDirectory("kiln-services-cache")
        cache = try await CacheRoot.open(at: cacheDirectory.path, lockTimeout: .seconds(30))
    }

    func index() throws -> PackageIndex {
        let url = try #require(ParsedURL(server.url("/simple/")))
        var configuration = HTTPClientConfiguration()
        configuration.retry = RetryPolicy(attempts: 2, initialDelay: .milliseconds(10), maxDelay: .milliseconds(20))
        return PackageIndex(settings: IndexSettings(indexes: [url]), client: HTTPClient(configuration: configuration), cache: cache)
    }

    func resolver(_ options: ResolverOptions = ResolverOptions()) throws -> RequirementsResolver {
        RequirementsResolver(index: try index(), target: Self.target, options: options)
    }

    func pins(_ requirements: [String], options: ResolverOptions = ResolverOptions()) async throws -> [String] {
        let outcome = try await resolver(options).resolve(try requirements.map { RequirementEntry(requirement: try Requirement($0)) })
        return await PinsFormatter.lines(outcome, generateHashes: false)
    }

    /// Requests the server saw for a file, split into range requests and whole transfers.
    func transfers(of filename: String) throws -> (ranged: Int, whole: Int) {
        let seen = try server.requests(for: "/files/" + filename).filter { $0.method == "GET" }
        let ranged = seen.filter { $0.headers["range"] != nil }.count
        return (ranged, seen.count - ranged)
    }

    static let target: ResolutionTarget = {
        let markers = MarkerEnvironment(
            implementationName: "cpython", implementationVersion: "3.12.1", osName: "posix", platformMachine: "x86_64",
            platformPythonImplementation: "CPython", platformRelease: "6.0", platformSystem: "Linux", platformVersion: "#1",
            pythonFullVersion: "3.12.1", pythonVersion: "3.12", sysPlatform: "linux")
        let tags = [("cp312", "cp312", "manylinux_2_17_x86_64"), ("py312", "none", "any"), ("py3", "none", "any"), ("py311", "none", "any")]
            .compactMap { try? Tag($0.0, $0.1, $0.2) }
        let version = try! Version("3.12.1")  // a literal that parses
        return ResolutionTarget(environment: TargetEnvironment(markers: markers, pythonVersion: version), tags: TagPriority(tags))
    }()
}
