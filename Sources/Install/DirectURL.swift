/// `direct_url.json` (PEP 610) for a distribution installed from a path or URL the user named.
enum DirectURL {
    /// The document for `origin`; `wheelPath`/`wheelSHA256` describe the wheel being installed,
    /// used when the user named that wheel itself.
    static func json(for origin: DirectOrigin, wheelPath: String, wheelSHA256: String) -> String {
        switch origin {
        case .thisWheel:
            return json(forArchive: wheelPath, sha256: wheelSHA256)
        case .archive(let url, let sha256):
            let location = url.contains("://") ? url : fileURL(url)
            return "{\"archive_info\": {\"hash\": \"sha256=\(sha256)\", \"hashes\": {\"sha256\": \"\(sha256)\"}}, \"url\": \"\(escapeJSON(location))\"}\n"
        case .directory(let path, let editable):
            // PEP 610: `editable` is omitted when false (as pip and uv write it).
            let info = editable ? "{\"editable\": true}" : "{}"
            return "{\"dir_info\": \(info), \"url\": \"\(escapeJSON(fileURL(path)))\"}\n"
        }
    }

    static func json(forArchive path: String, sha256: String) -> String {
        "{\"archive_info\": {\"hash\": \"sha256=\(sha256)\", \"hashes\": {\"sha256\": \"\(sha256)\"}}, \"url\": \"\(escapeJSON(fileURL(path)))\"}\n"
    }

    /// RFC 8089 `file://` URL: bytes outside the unreserved set and `/` are percent-encoded.
    static func fileURL(_ path: String) -> String {
        var out = "file://"
        for byte in path.utf8 {
            let character = Character(Unicode.Scalar(byte))
            if byte < 0x80 && (character.isLetter || character.isNumber || "-._~/".contains(character)) {
                out.append(character)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    static func escapeJSON(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}
