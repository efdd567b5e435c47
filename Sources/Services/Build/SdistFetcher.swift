import Index
import PackagingModel

/// `kiln build-wheel name==version`: the sdist of that exact version, from the configured index
/// (downloaded into the cache), with the `Requires-Python` the index lists for it.
public struct SdistFetcher: Sendable {
    public let index: PackageIndex

    public init(index: PackageIndex) {
        self.index = index
    }

    public struct Fetched: Sendable, Equatable {
        public let path: String
        public let filename: String
        public let requiresPython: SpecifierSet?
    }

    public enum FetchError: Error, Sendable, Equatable, CustomStringConvertible {
        case notPinned(String)
        case index(IndexError)
        case noSdist(name: String, version: String, available: [String])

        public var description: String {
            switch self {
            case .notPinned(let text): return "'\(text)' is not a name==version requirement"
            case .index(let error): return error.description
            case .noSdist(let name, let version, let available):
                let listed = available.isEmpty ? "" : " (files: \(available.prefix(5).joined(separator: ", ")))"
                return "the index has no source distribution of \(name) \(version)\(listed)"
            }
        }
    }

    /// `requirement` must pin one version with `==` (no wildcard).
    public func fetch(_ requirement: Requirement) async throws(FetchError) -> Fetched {
        let specifiers = requirement.specifier.specifiers
        guard specifiers.count == 1, let only = specifiers.first, only.description.hasPrefix("=="), !only.description.hasSuffix(".*"),
              let version = try? Version(String(only.description.dropFirst(2)).trimmingPrefix(" ").description)
        else { throw .notPinned(requirement.description) }
        let page: ProjectPage
        do {
            page = try await index.project(requirement.name)
        } catch {
            throw .index(error)
        }
        let candidates = page.files.filter { file in
            guard let parsed = try? SdistFilename(file.filename, packageName: requirement.name) else { return false }
            return parsed.version == version
        }
        // Not yanked before yanked (PEP 592: a yanked file is used when `==` pins it and nothing
        // else matches), then .tar.gz (PEP 625) before the legacy formats.
        func rank(_ file: IndexFile) -> Int { (file.yanked.isYanked ? 2 : 0) + (file.filename.hasSuffix(".tar.gz") ? 0 : 1) }
        guard let file = candidates.min(by: { rank($0) < rank($1) }) else {
            throw .noSdist(name: requirement.name.original, version: version.description, available: page.files.map(\.filename))
        }
        let downloaded: DownloadedFile
        do {
            downloaded = try await index.download(file)
        } catch {
            throw .index(error)
        }
        return Fetched(path: downloaded.path, filename: file.filename, requiresPython: file.requiresPython.flatMap { try? SpecifierSet($0) })
    }
}
