import PackagingModel
import SystemSupport

/// Why a built wheel is not published.
public enum WheelCheckError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidFilename(String, reason: String)
    case wrongProject(filename: String, expected: String)
    case incompatibleTags(filename: String, interpreter: String)
    case unreadable(String)
    case record([String])

    public var description: String {
        switch self {
        case .invalidFilename(let name, let reason): return "the backend wrote \(name), which is not a valid wheel filename: \(reason)"
        case .wrongProject(let filename, let expected): return "the backend built \(filename), but the sdist is \(expected)"
        case .incompatibleTags(let filename, let interpreter):
            return "the backend built \(filename), whose tags do not fit the target interpreter \(interpreter)"
        case .unreadable(let reason): return "the built wheel cannot be read: \(reason)"
        case .record(let problems): return "the built wheel's RECORD does not match its contents: " + problems.joined(separator: "; ")
        }
    }
}

/// Checks a freshly built wheel before it is published: its filename parses; its name and
/// version are the sdist's; one of its tags is among the interpreter's; RECORD lists every
/// member with the right hash and size (PEP 376/427: RECORD itself and signatures unhashed).
public enum BuiltWheelCheck {
    public static func check(
        _ path: String, name: PackageName?, version: Version?, compatibleTags: Set<Tag>, interpreter: String
    ) throws(WheelCheckError) -> WheelFilename {
        let filename = FileSystem.basename(of: path)
        let parsed: WheelFilename
        do {
            parsed = try WheelFilename(filename)
        } catch {
            throw .invalidFilename(filename, reason: error.description)
        }
        if let name, parsed.name.normalized != name.normalized {
            throw .wrongProject(filename: filename, expected: "\(name) \(version?.description ?? "")")
        }
        if let version, parsed.version != version {
            throw .wrongProject(filename: filename, expected: "\(name?.description ?? "") \(version)")
        }
        guard parsed.tags.contains(where: compatibleTags.contains) else {
            throw .incompatibleTags(filename: filename, interpreter: interpreter)
        }
        let distInfo = "\(parsed.escapedName)-\(parsed.version).dist-info"
        let archive = try WheelArchiveMembers.read(path, recordPath: distInfo + "/RECORD")
        guard let recordBytes = archive.record else {
            // The backend may spell the directory differently (unnormalised version): find the one RECORD.
            let records = archive.members.keys.filter { $0.hasSuffix(".dist-info/RECORD") && $0.split(separator: "/").count == 2 }
            guard records.count == 1, let only = records.first else { throw .record(["no \(distInfo)/RECORD"]) }
            let again = try WheelArchiveMembers.read(path, recordPath: only)
            try checkRecord(again.record ?? [], recordPath: only, members: again.members)
            return parsed
        }
        try checkRecord(recordBytes, recordPath: distInfo + "/RECORD", members: archive.members)
        return parsed
    }

    static func checkRecord(_ bytes: [UInt8], recordPath: String, members: [String: WheelArchiveMembers.Member]) throws(WheelCheckError) {
        var problems: [String] = []
        var listed = Set<String>()
        for row in RecordCSV.rows(String(decoding: bytes, as: UTF8.self)) {
            guard let path = row.first, !path.isEmpty else { continue }
            listed.insert(path)
            let hash = row.count > 1 ? row[1] : ""
            let size = row.count > 2 ? row[2] : ""
            guard let member = members[path] else {
                problems.append("\(path) is listed but not in the wheel")
                continue
            }
            if hash.isEmpty {
                if path != recordPath && !path.hasSuffix(".jws") && !path.hasSuffix(".p7s") { problems.append("\(path) has no hash") }
                continue
            }
            guard hash.hasPrefix("sha256=") else {
                problems.append("\(path) has a hash other than sha256 (\(hash.prefix { $0 != "=" }))")
                continue
            }
            if String(hash.dropFirst(7)) != Base64URL.encode(member.sha256) { problems.append("\(path) has the wrong hash") }
            if !size.isEmpty && UInt64(size) != member.size { problems.append("\(path) has the wrong size") }
        }
        for name in members.keys.sorted() where !listed.contains(name) {
            if name == recordPath || name.hasSuffix(".dist-info/RECORD.jws") || name.hasSuffix(".dist-info/RECORD.p7s") { continue }
            problems.append("\(name) is not listed")
        }
        if !problems.isEmpty { throw .record(problems) }
    }
}

/// RECORD is CSV (Python's csv module, default dialect): quoted fields may hold commas and "".
enum RecordCSV {
    static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar?
        func next() -> Unicode.Scalar? {
            if let value = pending { pending = nil; return value }
            return iterator.next()
        }
        while let scalar = next() {
            if quoted {
                if scalar == "\"" {
                    let following = next()
                    if following == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = following }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty: quoted = true
            case ",": row.append(field); field = ""
            case "\r": continue
            case "\n":
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            default: field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}

/// URL-safe base64 without padding: RECORD's hash encoding.
enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        var index = 0
        while index + 3 <= bytes.count {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            for shift in [18, 12, 6, 0] { output.append(alphabet[Int(value >> UInt32(shift) & 63)]) }
            index += 3
        }
        let rest = bytes.count - index
        if rest == 1 {
            let value = UInt32(bytes[index]) << 16
            for shift in [18, 12] { output.append(alphabet[Int(value >> UInt32(shift) & 63)]) }
        } else if rest == 2 {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            for shift in [18, 12, 6] { output.append(alphabet[Int(value >> UInt32(shift) & 63)]) }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
