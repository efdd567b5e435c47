import SystemSupport

/// `file://` URLs (local indexes, find-links pages): read from disk, answering like a server would
/// (200, or 404 when missing) so the index code has one path for both.
enum LocalFileFetch {
    static func fetch(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        var path = request.url.filePath
        // A local index is a tree of directories: `/simple/six/` means `/simple/six/index.html`.
        if FileSystem.isDirectory(path) { path = FileSystem.join(path, "index.html") }
        guard FileSystem.exists(path) else {
            return HTTPResponse(status: 404, url: request.url, headers: HTTPHeaders(), body: [], fileDigest: nil, fileSize: 0)
        }
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.readBytes(path)
        } catch {
            throw .localFile(path: path, reason: error.description)
        }
        var headers = HTTPHeaders()
        if path.hasSuffix(".json") { headers.append(name: "content-type", value: "application/vnd.pypi.simple.v1+json") }
        switch request.body {
        case .memory:
            return HTTPResponse(status: 200, url: request.url, headers: headers, body: bytes, fileDigest: nil, fileSize: Int64(bytes.count))
        case .file(let destination):
            do {
                try FileSystem.writeAtomically(bytes, to: destination)
            } catch {
                throw .localFile(path: destination, reason: error.description)
            }
            return HTTPResponse(
                status: 200, url: request.url, headers: headers, body: [],
                fileDigest: SHA256Hasher.hexDigest(of: bytes), fileSize: Int64(bytes.count))
        }
    }
}
