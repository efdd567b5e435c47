#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SystemSupport

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
