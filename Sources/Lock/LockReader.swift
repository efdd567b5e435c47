import PackagingModel

extension PackageLock {
    /// Reads a pylock.toml. `source` names the file in errors. Locks written by other tools
    /// (uv's `export --format pylock.toml`, `pip lock`) read the same way: every key PEP 751
    /// defines is understood, unknown keys (and `[tool]`) are ignored, as the PEP asks.
    public init(text: String, source: String = "pylock.toml") throws(PylockError) {
        let document: [(key: String, value: TOMLValue)]
        do {
            document = try TOMLDocument.parse(text)
        } catch {
            throw .malformedTOML(source: source, line: error.line, column: error.column, message: error.message)
        }
        let root = LockTable(table: document, path: "", source: source)
        let version = try root.requiredString("lock-version")
        guard version.split(separator: ".").first == "1" else { throw .unsupportedVersion(source: source, version: version) }
        let packageTables = try root.tableArray("packages")
        var packages: [LockedPackage] = []
        for table in packageTables { packages.append(try LockedPackage(table)) }
        self.init(
            lockVersion: version,
            environments: try root.stringArray("environments").map { text throws(PylockError) in try root.marker(text, key: "environments") },
            requiresPython: try root.optionalString("requires-python").map { text throws(PylockError) in try root.specifiers(text, key: "requires-python") },
            extras: try root.stringArray("extras").map { name throws(PylockError) in try root.name(name, key: "extras", ExtraName.init) },
            dependencyGroups: try root.stringArray("dependency-groups").map { name throws(PylockError) in try root.name(name, key: "dependency-groups", DependencyGroupName.init) },
            defaultGroups: try root.stringArray("default-groups").map { name throws(PylockError) in try root.name(name, key: "default-groups", DependencyGroupName.init) },
            createdBy: try root.requiredString("created-by"),
            packages: packages)
    }
}

extension LockedPackage {
    init(_ table: LockTable) throws(PylockError) {
        let name = try table.name(try table.requiredString("name"), key: "name", PackageName.init)
        let version = try table.optionalString("version").map { text throws(PylockError) in try table.version(text, key: "version") }
        var dependencies: [LockedDependency] = []
        for dependency in try table.tableArray("dependencies") {
            // PEP 751 identifies a dependency by whatever keys make it unique; kiln reads the
            // name and version and ignores the rest.
            guard let dependencyName = try dependency.optionalString("name") else { continue }
            dependencies.append(LockedDependency(
                name: try dependency.name(dependencyName, key: "name", PackageName.init),
                version: try dependency.optionalString("version").map { text throws(PylockError) in try dependency.version(text, key: "version") }))
        }
        self.init(
            name: name, version: version,
            marker: try table.optionalString("marker").map { text throws(PylockError) in try table.marker(text, key: "marker") },
            requiresPython: try table.optionalString("requires-python").map { text throws(PylockError) in try table.specifiers(text, key: "requires-python") },
            dependencies: dependencies, index: try table.optionalString("index"),
            source: try LockedSource(table))
    }
}

extension LockedSource {
    /// Exactly one of `vcs`, `directory`, `archive`, or (`sdist` and/or `wheels`).
    init(_ table: LockTable) throws(PylockError) {
        let vcs = try table.optionalTable("vcs")
        let directory = try table.optionalTable("directory")
        let archive = try table.optionalTable("archive")
        let sdist = try table.optionalTable("sdist")
        let wheels = table.has("wheels") ? try table.tableArray("wheels") : nil
        let kinds = [vcs.map { _ in "vcs" }, directory.map { _ in "directory" }, archive.map { _ in "archive" },
                     (sdist != nil || wheels != nil) ? "sdist/wheels" : nil].compactMap { $0 }
        guard kinds.count == 1 else {
            throw table.invalid(kinds.isEmpty ? "has none of vcs, directory, archive, sdist or wheels: give one"
                                              : "has \(kinds.joined(separator: " and ")): PEP 751 allows only one source")
        }
        if let vcs {
            self = .vcs(type: try vcs.requiredString("type"), url: try vcs.optionalString("url"), path: try vcs.optionalString("path"),
                        commit: try vcs.requiredString("commit-id"))
        } else if let directory {
            self = .directory(path: try directory.requiredString("path"), editable: try directory.optionalBool("editable") ?? false)
        } else if let archive {
            self = .archive(try LockedFile(archive))
        } else {
            var files: [LockedFile] = []
            for wheel in wheels ?? [] { files.append(try LockedFile(wheel)) }
            self = .distributions(sdist: try sdist.map { table throws(PylockError) in try LockedFile(table) }, wheels: files)
        }
    }
}

extension LockedFile {
    init(_ table: LockTable) throws(PylockError) {
        let url = try table.optionalString("url")
        let path = try table.optionalString("path")
        guard url != nil || path != nil else { throw table.invalid("has neither url nor path: give one") }
        let hashTable = try table.requiredTable("hashes")
        var hashes: [String: String] = [:]
        for key in hashTable.keys {
            hashes[key.lowercased()] = try hashTable.requiredString(key).lowercased()
        }
        guard !hashes.isEmpty else { throw hashTable.invalid("is empty: PEP 751 requires at least one hash") }
        if let sha256 = hashes["sha256"], sha256.count != 64 || !sha256.allSatisfy(\.isHexDigit) {
            throw hashTable.invalid("sha256 \"\(sha256)\" is not 64 hexadecimal digits")
        }
        let size = try table.optionalInteger("size")
        if let size, size < 0 { throw table.invalid("size \(size) is negative") }
        self.init(name: try table.optionalString("name"), url: url, path: path, uploadTime: try table.optionalTimestamp("upload-time"),
                  size: size, hashes: hashes)
        guard filename != nil else { throw table.invalid("names no file: give name, or a url or path ending in the file name") }
    }
}

/// A table being read, with the key path that errors name (`packages[2].wheels[0]`).
struct LockTable {
    let entries: [String: TOMLValue]
    let path: String
    let source: String

    /// A TOML table's entries (its keys are unique) under `path`.
    init(table: [(key: String, value: TOMLValue)], path: String, source: String) {
        self.entries = Dictionary(table, uniquingKeysWith: { first, _ in first })
        self.path = path
        self.source = source
    }

    var keys: [String] { entries.keys.sorted() }
    func has(_ key: String) -> Bool { entries[key] != nil }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func invalid(_ problem: String) -> PylockError { .invalid(source: source, key: path.isEmpty ? "(top level)" : path, problem: problem) }

    private func wrongType(_ key: String, expected: String, found: TOMLValue) -> PylockError {
        .invalid(source: source, key: keyPath(key), problem: "expected \(expected), found \(found.typeName)")
    }

    func requiredString(_ key: String) throws(PylockError) -> String {
        guard let value = try optionalString(key) else { throw .invalid(source: source, key: keyPath(key), problem: "is missing") }
        return value
    }

    func optionalString(_ key: String) throws(PylockError) -> String? {
        guard let value = entries[key] else { return nil }
        guard case .string(let text) = value else { throw wrongType(key, expected: "a string", found: value) }
        return text
    }

    func optionalBool(_ key: String) throws(PylockError) -> Bool? {
        guard let value = entries[key] else { return nil }
        guard case .boolean(let flag) = value else { throw wrongType(key, expected: "a boolean", found: value) }
        return flag
    }

    func optionalInteger(_ key: String) throws(PylockError) -> Int? {
        guard let value = entries[key] else { return nil }
        guard case .integer(let number) = value else { throw wrongType(key, expected: "an integer", found: value) }
        return number
    }

    /// A TOML date-time, or (as some writers produce) an RFC 3339 string.
    func optionalTimestamp(_ key: String) throws(PylockError) -> LockTimestamp? {
        guard let value = entries[key] else { return nil }
        let text: String
        switch value {
        case .dateTime(let written), .string(let written): text = written
        default: throw wrongType(key, expected: "a date-time", found: value)
        }
        guard let timestamp = LockTimestamp(rfc3339: text) else {
            throw .invalid(source: source, key: keyPath(key), problem: "\"\(text)\" is not an RFC 3339 date-time with an offset")
        }
        return timestamp
    }

    func stringArray(_ key: String) throws(PylockError) -> [String] {
        guard let value = entries[key] else { return [] }
        guard case .array(let items) = value else { throw wrongType(key, expected: "an array of strings", found: value) }
        var strings: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else { throw wrongType("\(key)[\(index)]", expected: "a string", found: item) }
            strings.append(text)
        }
        return strings
    }

    func optionalTable(_ key: String) throws(PylockError) -> LockTable? {
        guard let value = entries[key] else { return nil }
        guard case .table(let table) = value else { throw wrongType(key, expected: "a table", found: value) }
        return LockTable(table: table, path: keyPath(key), source: source)
    }

    func requiredTable(_ key: String) throws(PylockError) -> LockTable {
        guard let table = try optionalTable(key) else { throw .invalid(source: source, key: keyPath(key), problem: "is missing") }
        return table
    }

    /// An array of tables; a missing key is an empty array.
    func tableArray(_ key: String) throws(PylockError) -> [LockTable] {
        guard let value = entries[key] else { return [] }
        guard case .array(let items) = value else { throw wrongType(key, expected: "an array of tables", found: value) }
        var tables: [LockTable] = []
        for (index, item) in items.enumerated() {
            guard case .table(let table) = item else { throw wrongType("\(key)[\(index)]", expected: "a table", found: item) }
            tables.append(LockTable(table: table, path: keyPath("\(key)[\(index)]"), source: source))
        }
        return tables
    }

    func marker(_ text: String, key: String) throws(PylockError) -> Marker {
        do { return try Marker(text) } catch {
            throw .invalid(source: source, key: keyPath(key), problem: "\"\(text)\" is not a valid marker: \(error)")
        }
    }

    func specifiers(_ text: String, key: String) throws(PylockError) -> SpecifierSet {
        do { return try SpecifierSet(text) } catch {
            throw .invalid(source: source, key: keyPath(key), problem: "\"\(text)\" is not a valid version specifier: \(error)")
        }
    }

    func version(_ text: String, key: String) throws(PylockError) -> Version {
        do { return try Version(text) } catch {
            throw .invalid(source: source, key: keyPath(key), problem: "\"\(text)\" is not a valid version: \(error)")
        }
    }

    func name<Name>(_ text: String, key: String, _ make: (String) throws(NameParseError) -> Name) throws(PylockError) -> Name {
        do { return try make(text) } catch {
            throw .invalid(source: source, key: keyPath(key), problem: "\"\(text)\" is not a valid name: \(error)")
        }
    }
}
