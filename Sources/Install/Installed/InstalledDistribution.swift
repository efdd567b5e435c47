import PackagingModel
import SystemSupport

/// A distribution found in an environment: a `.dist-info` directory (or a legacy `.egg-info`).
public struct InstalledDistribution: Sendable, Equatable {
    public enum Format: String, Sendable { case distInfo, eggInfo }

    public let name: PackageName
    /// As METADATA states it; not parsed, so a broken version still lists and uninstalls.
    public let version: String
    public let format: Format
    /// Absolute path of the metadata directory (or egg-info file).
    public let metadataPath: String
    /// The site directory it lives in; RECORD paths are relative to it.
    public let siteDirectory: String

    public var installer: String? {
        guard format == .distInfo,
              let text = try? FileSystem.readText(FileSystem.join(metadataPath, "INSTALLER")) else { return nil }
        let trimmed = text.split(separator: "\n").first.map(String.init)
        return trimmed?.isEmpty == false ? trimmed : nil
    }

    /// Every distribution in `siteDirectories`, sorted by name.
    public static func scan(_ siteDirectories: [String]) -> [InstalledDistribution] {
        var found: [InstalledDistribution] = []
        for directory in siteDirectories {
            for entry in (try? FileSystem.listDirectory(directory)) ?? [] {
                let path = FileSystem.join(directory, entry)
                if entry.hasSuffix(".dist-info"), FileSystem.isDirectory(path) {
                    if let distribution = read(path, metadataFile: "METADATA", format: .distInfo, site: directory, entry: entry) {
                        found.append(distribution)
                    }
                } else if entry.hasSuffix(".egg-info") {
                    let metadata = FileSystem.isDirectory(path) ? "PKG-INFO" : nil
                    if let distribution = read(path, metadataFile: metadata, format: .eggInfo, site: directory, entry: entry) {
                        found.append(distribution)
                    }
                }
            }
        }
        return found.sorted { $0.name < $1.name }
    }

    /// The distribution whose `.dist-info` directory is `path`, in site directory `site`.
    public static func distInfo(at path: String, site: String) -> InstalledDistribution? {
        read(path, metadataFile: "METADATA", format: .distInfo, site: site, entry: FileSystem.basename(of: path))
    }

    private static func read(
        _ path: String, metadataFile: String?, format: Format, site: String, entry: String
    ) -> InstalledDistribution? {
        let metadataPath = metadataFile.map { FileSystem.join(path, $0) } ?? path
        let headers = MetadataHeaders(headerBlockOf: (try? FileSystem.readBytes(metadataPath)) ?? [])
        let stem = entry.dropLast(format == .distInfo ? ".dist-info".count : ".egg-info".count)
        let fallbackName = stem.split(separator: "-").first.map(String.init) ?? String(stem)
        let fallbackVersion = stem.split(separator: "-").dropFirst().first.map(String.init) ?? ""
        guard let name = (try? PackageName(headers.value(of: "Name") ?? fallbackName)) ?? (try? PackageName(fallbackName)) else {
            return nil
        }
        return InstalledDistribution(
            name: name, version: headers.value(of: "Version") ?? fallbackVersion, format: format,
            metadataPath: path, siteDirectory: site)
    }
}
