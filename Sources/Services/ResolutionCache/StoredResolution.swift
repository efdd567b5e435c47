import Cache
import Index
import PackagingModel
import SystemSupport

/// A finished resolution as `resolutions-v1/<inputs digest>` keeps it: the pages it read (each
/// with the digest of the body read) and the lines it printed.
///
///     kiln-resolution 1
///     page <body sha256> <package or _> <url>
///     line <text, with % and line breaks percent-encoded>
///     check <sha256 of every line above, each ending in a line break>
///
/// The last line makes a file cut short or changed on disk detectable: it then decodes to nil,
/// is ignored, and the next resolution replaces it.
struct StoredResolution: Equatable {
    let pages: [PagesRead.Page]
    let lines: [String]

    static let magic = "kiln-resolution 1"

    func encoded() -> [UInt8] {
        var text = Self.magic + "\n"
        for page in pages {
            text += "page \(page.bodySHA256) \(page.key.package?.normalized ?? "_") \(page.key.url)\n"
        }
        for line in lines { text += "line \(Self.escaped(line))\n" }
        return Array((text + "check \(SHA256Hasher.hexDigest(of: Array(text.utf8)))\n").utf8)
    }

    static func decode(_ bytes: [UInt8]) -> StoredResolution? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasSuffix("\n") else { return nil }
        var rows = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        guard let check = rows.popLast(), check.hasPrefix("check ") else { return nil }
        let body = rows.map { $0 + "\n" }.joined()
        guard check.dropFirst(6) == SHA256Hasher.hexDigest(of: Array(body.utf8)) else { return nil }
        guard rows.first == Substring(magic) else { return nil }
        var pages: [PagesRead.Page] = []
        var lines: [String] = []
        for row in rows.dropFirst() {
            if row.hasPrefix("line ") {
                guard let line = unescaped(row.dropFirst(5)) else { return nil }
                lines.append(line)
                continue
            }
            let fields = row.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count == 4, fields[0] == "page" else { return nil }
            let package: PackageName?
            if fields[2] == "_" {
                package = nil
            } else {
                guard let name = try? PackageName(String(fields[2])) else { return nil }
                package = name
            }
            pages.append(PagesRead.Page(key: SimplePageKey(url: String(fields[3]), package: package), bodySHA256: String(fields[1])))
        }
        return StoredResolution(pages: pages, lines: lines)
    }

    private static func escaped(_ line: String) -> String {
        var result = ""
        for character in line.unicodeScalars {
            switch character {
            case "%": result += "%25"
            case "\n": result += "%0A"
            case "\r": result += "%0D"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    private static func unescaped(_ text: Substring) -> String? {
        var result = ""
        var rest = text
        while let percent = rest.firstIndex(of: "%") {
            result += rest[..<percent]
            let code = rest[rest.index(after: percent)...].prefix(2)
            guard code.count == 2 else { return nil }
            switch code {
            case "25": result += "%"
            case "0A": result += "\n"
            case "0D": result += "\r"
            default: return nil
            }
            rest = rest[rest.index(percent, offsetBy: 3)...]
        }
        return result + rest
    }
}
