import Cache
import Foundation
import TestSupport

/// A served index directory built by a test: `simple/NAME/index.html` and `index.json` listing
/// files stored under `files/`, linked relatively with their SHA-256, as a real index would.
final class FixtureIndex: @unchecked Sendable {
    struct File {
        let filename: String
        let sha256: String
        let bytes: [UInt8]
        /// The hash the pages list (normally `sha256`; tests of mismatches list another).
        let listedHash: String
        let uploadTime: String?
        let requiresPython: String?
    }

    let directory: TemporaryDirectory
    private(set) var projects: [String: [File]] = [:]

    var root: String { directory.path }

    init() throws {
        directory = try TemporaryDirectory("kiln-fixture-index")
        try FileManager.default.createDirectory(atPath: directory.file("files"), withIntermediateDirectories: true)
    }

    /// Adds a file with `size` random bytes (or `bytes`) and rewrites the project's pages.
    @discardableResult
    func add(project: String, filename: String, size: Int = 4096, bytes: [UInt8]? = nil,
             uploadTime: String? = "2024-01-01T00:00:00Z", requiresPython: String? = nil,
             listedHash: String? = nil) throws -> File {
        let content = bytes ?? (0..<size).map { _ in UInt8.random(in: 0...255) }
        try Data(content).write(to: URL(fileURLWithPath: directory.file("files/" + filename)))
        let digest = ArchiveDigest.of(bytes: content).hex
        let file = File(filename: filename, sha256: digest, bytes: content, listedHash: listedHash ?? digest,
                        uploadTime: uploadTime, requiresPython: requiresPython)
        projects[project, default: []].append(file)
        try writePages(project)
        return file
    }

    /// Writes a raw page (for pages no builder makes).
    func writePage(project: String, html: String, json: String? = nil) throws {
        let folder = directory.file("simple/\(project)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try html.write(toFile: folder + "/index.html", atomically: false, encoding: .utf8)
        if let json { try json.write(toFile: folder + "/index.json", atomically: false, encoding: .utf8) }
    }

    private func writePages(_ project: String) throws {
        let files = projects[project] ?? []
        var html = "<!DOCTYPE html>\n<html>\n<head><meta name=\"pypi:repository-version\" content=\"1.1\"><title>Links for \(project)</title></head>\n<body>\n<h1>Links for \(project)</h1>\n"
        var entries: [String] = []
        for file in files {
            var attributes = ""
            if let requiresPython = file.requiresPython {
                attributes += " data-requires-python=\"\(requiresPython.replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "<", with: "&lt;"))\""
            }
            if let uploadTime = file.uploadTime { attributes += " data-upload-time=\"\(uploadTime)\"" }
            html += "<a href=\"../../files/\(file.filename)#sha256=\(file.listedHash)\"\(attributes)>\(file.filename)</a><br/>\n"
            var entry = "{\"filename\":\"\(file.filename)\",\"url\":\"../../files/\(file.filename)\",\"hashes\":{\"sha256\":\"\(file.listedHash)\"},\"size\":\(file.bytes.count)"
            if let requiresPython = file.requiresPython { entry += ",\"requires-python\":\"\(requiresPython)\"" }
            if let uploadTime = file.uploadTime { entry += ",\"upload-time\":\"\(uploadTime)\"" }
            entries.append(entry + "}")
        }
        html += "</body>\n</html>\n"
        let json = "{\"meta\":{\"api-version\":\"1.1\"},\"name\":\"\(project)\",\"files\":[\(entries.joined(separator: ","))]}"
        try writePage(project: project, html: html, json: json)
    }
}

extension FixtureIndex {
    /// Serves `metadata` as the PEP 658 file of `filename` and lists it (with its hash, or with
    /// `listedHash`) in the project's JSON and HTML pages.
    func addMetadata(project: String, filename: String, metadata: String, listedHash: String? = nil) throws {
        let bytes = Array(metadata.utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: directory.file("files/\(filename).metadata")))
        let hash = listedHash ?? ArchiveDigest.of(bytes: bytes).hex
        let folder = directory.file("simple/\(project)")
        var html = try String(contentsOfFile: folder + "/index.html", encoding: .utf8)
        html = html.replacingOccurrences(of: ">\(filename)</a>", with: " data-core-metadata=\"sha256=\(hash)\">\(filename)</a>")
        var json = try String(contentsOfFile: folder + "/index.json", encoding: .utf8)
        json = json.replacingOccurrences(
            of: "{\"filename\":\"\(filename)\"",
            with: "{\"core-metadata\":{\"sha256\":\"\(hash)\"},\"filename\":\"\(filename)\"")
        try writePage(project: project, html: html, json: json)
    }
}
