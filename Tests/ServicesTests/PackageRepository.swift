import Cache
import Foundation
import TestSupport

/// An index directory of real (tiny) wheels and sdists with dependencies, served by
/// `LoopbackIndexServer`: `simple/NAME/index.html` + `index.json`, files under `files/`.
/// Archives are made by Python's zipfile/tarfile, independent of kiln.
final class PackageRepository: @unchecked Sendable {
    struct Entry {
        let project: String
        let filename: String
        let sha256: String
        let requiresPython: String?
        let yanked: Bool
    }

    let directory: TemporaryDirectory
    private(set) var entries: [Entry] = []
    var root: String { directory.path }

    init() throws {
        directory = try TemporaryDirectory("kiln-services-index")
        try FileManager.default.createDirectory(atPath: directory.file("files"), withIntermediateDirectories: true)
    }

    /// A wheel whose METADATA lists `requires`; `padding` extra modules make a central directory
    /// bigger than one range request's tail.
    @discardableResult
    func wheel(_ name: String, _ version: String, requires: [String] = [], tag: String = "py3-none-any",
               requiresPython: String? = nil, padding: Int = 0, yanked: Bool = false) throws -> Entry {
        let stem = name.replacingOccurrences(of: "-", with: "_")
        let filename = "\(stem)-\(version)-\(tag).whl"
        var metadata = "Metadata-Version: 2.1\nName: \(name)\nVersion: \(version)\n"
        for requirement in requires { metadata += "Requires-Dist: \(requirement)\n" }
        if let requiresPython { metadata += "Requires-Python: \(requiresPython)\n" }
        try build(["kind": "wheel", "output": directory.file("files/" + filename), "module": stem, "version": version,
                   "metadata": metadata, "tag": tag, "padding": padding])
        return try add(project: name, filename: filename, requiresPython: requiresPython, yanked: yanked)
    }

    /// An sdist whose PKG-INFO has metadata version `metadataVersion` and `dynamic` fields.
    @discardableResult
    func sdist(_ name: String, _ version: String, requires: [String] = [], metadataVersion: String = "2.2",
               dynamic: [String] = [], requiresPython: String? = nil) throws -> Entry {
        let stem = name.replacingOccurrences(of: "-", with: "_")
        let filename = "\(stem)-\(version).tar.gz"
        var metadata = "Metadata-Version: \(metadataVersion)\nName: \(name)\nVersion: \(version)\n"
        for field in dynamic { metadata += "Dynamic: \(field)\n" }
        for requirement in requires { metadata += "Requires-Dist: \(requirement)\n" }
        try build(["kind": "sdist", "output": directory.file("files/" + filename), "top": "\(stem)-\(version)", "metadata": metadata])
        return try add(project: name, filename: filename, requiresPython: requiresPython, yanked: false)
    }

    /// A file made elsewhere (an sdist with an in-tree backend), copied in and listed.
    @discardableResult
    func file(_ project: String, copying path: String) throws -> Entry {
        let filename = (path as NSString).lastPathComponent
        try FileManager.default.copyItem(atPath: path, toPath: directory.file("files/" + filename))
        return try add(project: project, filename: filename, requiresPython: nil, yanked: false)
    }

    func path(of entry: Entry) -> String { directory.file("files/" + entry.filename) }

    private func add(project: String, filename: String, requiresPython: String?, yanked: Bool) throws -> Entry {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory.file("files/" + filename))))
        let entry = Entry(project: project, filename: filename, sha256: ArchiveDigest.of(bytes: bytes).hex,
                          requiresPython: requiresPython, yanked: yanked)
        entries.append(entry)
        try writePages(project)
        return entry
    }

    private func writePages(_ project: String) throws {
        let files = entries.filter { $0.project == project }
        var html = "<!DOCTYPE html>\n<html><body>\n"
        var json: [String] = []
        for file in files {
            var attributes = " data-upload-time=\"2024-01-01T00:00:00Z\""
            if let requiresPython = file.requiresPython {
                attributes += " data-requires-python=\"\(requiresPython.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;"))\""
            }
            if file.yanked { attributes += " data-yanked=\"\"" }
            html += "<a href=\"../../files/\(file.filename)#sha256=\(file.sha256)\"\(attributes)>\(file.filename)</a><br/>\n"
            var item = "{\"filename\":\"\(file.filename)\",\"url\":\"../../files/\(file.filename)\",\"hashes\":{\"sha256\":\"\(file.sha256)\"},\"upload-time\":\"2024-01-01T00:00:00Z\""
            if let requiresPython = file.requiresPython { item += ",\"requires-python\":\"\(requiresPython)\"" }
            if file.yanked { item += ",\"yanked\":true" }
            json.append(item + "}")
        }
        html += "</body></html>\n"
        let folder = directory.file("simple/\(project)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try html.write(toFile: folder + "/index.html", atomically: false, encoding: .utf8)
        let page = "{\"meta\":{\"api-version\":\"1.1\"},\"name\":\"\(project)\",\"files\":[\(json.joined(separator: ","))]}"
        try page.write(toFile: folder + "/index.json", atomically: false, encoding: .utf8)
    }

    private func build(_ spec: [String: Any]) throws {
        guard let python = WheelBuilder.python else { throw RepositoryError(message: "no pyenv interpreter to build archives with") }
        let specPath = directory.file(".spec-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: spec).write(to: URL(fileURLWithPath: specPath))
        defer { try? FileManager.default.removeItem(atPath: specPath) }
        let result = try ProcessHelper.run(python, ["-I", "-c", Self.script, specPath])
        guard result.status == 0 else { throw RepositoryError(message: "building \(spec["output"] ?? "") failed: \(result.stderr)") }
    }

    private static let script = #"""
import base64, hashlib, io, json, sys, tarfile, zipfile
spec = json.load(open(sys.argv[1]))
if spec["kind"] == "wheel":
    module, version = spec["module"], spec["version"]
    info = "%s-%s.dist-info" % (module, version)
    members = [("%s/__init__.py" % module, "VERSION = %r\n" % version)]
    members += [("%s/pad_%05d_%s.py" % (module, i, "x" * 60), "") for i in range(spec["padding"])]
    members += [(info + "/METADATA", spec["metadata"] + "\n"),
                (info + "/WHEEL", "Wheel-Version: 1.0\nGenerator: kiln-tests\nRoot-Is-Purelib: true\nTag: %s\n" % spec["tag"])]
    record = []
    with zipfile.ZipFile(spec["output"], "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members:
            data = text.encode()
            archive.writestr(name, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append("%s,sha256=%s,%d" % (name, digest, len(data)))
        record.append(info + "/RECORD,,")
        archive.writestr(info + "/RECORD", "\n".join(record) + "\n")
else:
    with tarfile.open(spec["output"], "w:gz") as archive:
        for name, text in [(spec["top"] + "/PKG-INFO", spec["metadata"] + "\n"), (spec["top"] + "/setup.py", "raise SystemExit('no')\n")]:
            data = text.encode()
            member = tarfile.TarInfo(name)
            member.size = len(data)
            archive.addfile(member, io.BytesIO(data))
"""#
}

struct RepositoryError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
