#if canImport(Glibc)
import Glibc
#endif
import PackagingModel
import SystemSupport

/// A validated wheel unpacked in the cache (`wheels-v1/<sha256>`), from which files are linked
/// into environments. It exists only after every check passed: the entry is published whole.
public struct UnpackedWheel: Sendable {
    public let filename: WheelFilename
    /// The wheel file it came from, and that file's SHA-256 (hex), for direct_url.json.
    public let wheelPath: String
    public let sha256: String
    /// The cache directory holding the unpacked members.
    public let directory: String
    public let distInfo: String
    public let dataDirectory: String
    public let rootIsPurelib: Bool
    /// The wheel's own RECORD, verified against the members when it was unpacked.
    public let record: RecordFile

    /// Reads back an entry that the unpacker published.
    static func load(directory: String, wheelPath: String, sha256: String, filename: WheelFilename) throws(InstallError) -> UnpackedWheel {
        do {
            let topLevel = try FileSystem.listDirectory(directory)
            guard let distInfo = topLevel.first(where: { $0.hasSuffix(".dist-info") }) else {
                throw InstallError.invalidWheel(wheel: wheelPath, problems: [.distInfoCount(found: [])])
            }
            let stem = String(distInfo.dropLast(".dist-info".count))
            let dataDirectory = topLevel.first { $0.hasSuffix(".data") && $0 != stem + ".data" && isSameProject($0, stem) } ?? stem + ".data"
            let wheelInfo = MetadataHeaders(text: try FileSystem.readText(FileSystem.join(directory, distInfo + "/WHEEL")))
            let recordName = distInfo + "/RECORD"
            let record: RecordFile
            do {
                record = try RecordFile(parsing: try FileSystem.readText(FileSystem.join(directory, recordName)), file: recordName)
            } catch let error as RecordParseError {
                throw InstallError.invalidWheel(wheel: wheelPath, problems: [.malformed(file: recordName, reason: error.description)])
            }
            return UnpackedWheel(
                filename: filename, wheelPath: wheelPath, sha256: sha256, directory: directory,
                distInfo: distInfo, dataDirectory: dataDirectory,
                rootIsPurelib: wheelInfo.value(of: "Root-Is-Purelib")?.lowercased() != "false",
                record: record)
        } catch let error as InstallError {
            throw error
        } catch let error as SystemCallError {
            throw .io(error)
        } catch {
            throw .io(SystemCallError("cannot read the unpacked wheel", path: directory, code: EIO))
        }
    }

    private static func isSameProject(_ dataDirectory: String, _ stem: String) -> Bool {
        dataDirectory.lowercased().replacingUnderscores() == (stem + ".data").lowercased().replacingUnderscores()
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String { String(map { $0 == "-" || $0 == "." ? "_" : $0 }) }
}
