import PackagingModel

extension PackageLock {
    /// The lock as pylock.toml text, written key by key in a fixed order (not through a TOML
    /// library's serializer) so that the same lock always gives the same bytes: packages sorted
    /// by name, version and marker; files by name; hashes by algorithm.
    public func tomlText() -> String {
        var lines: [String] = []
        lines.append("lock-version = \(TOMLString.quoted(lockVersion))")
        if !environments.isEmpty { lines.append("environments = \(TOMLString.array(environments.map(\.description)))") }
        if let requiresPython { lines.append("requires-python = \(TOMLString.quoted(requiresPython.description))") }
        if !extras.isEmpty { lines.append("extras = \(TOMLString.array(extras.map(\.normalized).sorted()))") }
        if !dependencyGroups.isEmpty { lines.append("dependency-groups = \(TOMLString.array(dependencyGroups.map(\.normalized).sorted()))") }
        if !defaultGroups.isEmpty { lines.append("default-groups = \(TOMLString.array(defaultGroups.map(\.normalized).sorted()))") }
        lines.append("created-by = \(TOMLString.quoted(createdBy))")
        for package in packages.sorted(by: LockedPackage.writingOrder) {
            lines.append("")
            lines.append("[[packages]]")
            lines += package.tomlLines()
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension LockedPackage {
    static func writingOrder(_ lhs: LockedPackage, _ rhs: LockedPackage) -> Bool {
        if lhs.name != rhs.name { return lhs.name.normalized < rhs.name.normalized }
        if lhs.version != rhs.version {
            switch (lhs.version, rhs.version) {
            case (let left?, let right?): return left < right
            default: return lhs.version == nil
            }
        }
        return (lhs.marker?.description ?? "") < (rhs.marker?.description ?? "")
    }

    func tomlLines() -> [String] {
        var lines = ["name = \(TOMLString.quoted(name.normalized))"]
        if let version { lines.append("version = \(TOMLString.quoted(version.description))") }
        if let marker { lines.append("marker = \(TOMLString.quoted(marker.description))") }
        if let requiresPython { lines.append("requires-python = \(TOMLString.quoted(requiresPython.description))") }
        if !dependencies.isEmpty {
            let entries = dependencies.sorted().map { dependency in
                var fields = ["name = \(TOMLString.quoted(dependency.name.normalized))"]
                if let version = dependency.version { fields.append("version = \(TOMLString.quoted(version.description))") }
                return "{ \(fields.joined(separator: ", ")) }"
            }
            lines.append("dependencies = [\(entries.joined(separator: ", "))]")
        }
        if let index { lines.append("index = \(TOMLString.quoted(index))") }
        switch source {
        case .distributions(let sdist, let wheels):
            if let sdist { lines.append("sdist = \(sdist.inlineTable())") }
            if !wheels.isEmpty {
                lines.append("wheels = [")
                for wheel in wheels.sorted(by: { ($0.filename ?? "") < ($1.filename ?? "") }) {
                    lines.append("    \(wheel.inlineTable()),")
                }
                lines.append("]")
            }
        case .archive(let file):
            lines.append("archive = \(file.inlineTable())")
        case .directory(let path, let editable):
            lines.append("directory = { path = \(TOMLString.quoted(path)), editable = \(editable) }")
        case .vcs(let type, let url, let path, let commit):
            var fields = ["type = \(TOMLString.quoted(type))"]
            if let url { fields.append("url = \(TOMLString.quoted(url))") }
            if let path { fields.append("path = \(TOMLString.quoted(path))") }
            fields.append("commit-id = \(TOMLString.quoted(commit))")
            lines.append("vcs = { \(fields.joined(separator: ", ")) }")
        }
        return lines
    }
}

extension LockedFile {
    /// `{ name = ..., url = ..., upload-time = ..., size = ..., hashes = { sha256 = ... } }`.
    func inlineTable() -> String {
        var fields: [String] = []
        if let name = filename { fields.append("name = \(TOMLString.quoted(name))") }
        if let url { fields.append("url = \(TOMLString.quoted(url))") }
        if let path { fields.append("path = \(TOMLString.quoted(path))") }
        // A TOML offset date-time, unquoted, as PEP 751 specifies.
        if let uploadTime { fields.append("upload-time = \(uploadTime.text)") }
        if let size { fields.append("size = \(size)") }
        let hashFields = hashes.keys.sorted().map { "\($0) = \(TOMLString.quoted(hashes[$0] ?? ""))" }
        fields.append("hashes = { \(hashFields.joined(separator: ", ")) }")
        return "{ \(fields.joined(separator: ", ")) }"
    }
}

/// TOML string literals.
enum TOMLString {
    /// A literal string (`'...'`) when the text allows one (markers read better without escaped
    /// double quotes), else a basic string with escapes.
    static func quoted(_ text: String) -> String {
        let literalAllowed = !text.unicodeScalars.contains { $0 == "'" || $0.value < 0x20 || $0.value == 0x7F }
        if text.contains("\"") && literalAllowed { return "'\(text)'" }
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            case "\r": escaped += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped + "\""
    }

    static func array(_ items: [String]) -> String {
        "[" + items.map(quoted).joined(separator: ", ") + "]"
    }
}
