extension CoreMetadata {
    /// Parses a METADATA / PKG-INFO file. Non-UTF-8 bytes are read as Latin-1.
    /// `source` names the file in errors.
    public init(parsing bytes: some Collection<UInt8>, source: String) throws(CoreMetadataError) {
        try self.init(headers: MetadataHeaders(bytes: bytes), source: source)
    }

    public init(parsing text: String, source: String) throws(CoreMetadataError) {
        try self.init(headers: MetadataHeaders(text: text), source: source)
    }

    public init(headers: MetadataHeaders, source: String) throws(CoreMetadataError) {
        let reader = FieldReader(headers: headers, source: source)

        let versionField = try reader.single("Metadata-Version")
        guard let metadataVersion = MetadataVersion(versionField.value) else {
            throw .invalidMetadataVersion(source: source, line: versionField.line, value: versionField.value)
        }
        guard metadataVersion.major <= MetadataVersion.newestSupportedMajor else {
            throw .unsupportedMetadataVersion(source: source, version: metadataVersion)
        }

        let nameField = try reader.single("Name")
        let name: PackageName
        do {
            name = try PackageName(nameField.value)
        } catch {
            throw .invalidName(source: source, line: nameField.line, value: nameField.value, reason: error)
        }

        let versionValue = try reader.single("Version")
        let version: Version
        do {
            version = try Version(versionValue.value)
        } catch {
            throw .invalidVersion(source: source, line: versionValue.line, value: versionValue.value, reason: error)
        }

        self.init(metadataVersion: metadataVersion, name: name, version: version)
        try readRequirements(reader)
        readDescriptiveFields(reader)
        description = headers.body.flatMap { $0.isEmpty ? nil : $0 }
            ?? headers.value(of: "Description").map(Self.unescapeDescription)

        for field in headers.fields(named: "Dynamic") {
            if ["name", "version", "metadata-version"].contains(field.value.lowercased()) {
                throw .forbiddenDynamic(source: source, line: field.line, field: field.value)
            }
            dynamic.append(field.value)
        }
    }

    private mutating func readRequirements(_ reader: FieldReader) throws(CoreMetadataError) {
        for field in reader.headers.fields(named: "Requires-Dist") {
            do {
                requiresDist.append(try Requirement(field.value))
            } catch {
                throw .invalidRequiresDist(source: reader.source, line: field.line, value: field.value, reason: error)
            }
        }
        if let field = try reader.optionalSingle("Requires-Python") {
            do {
                requiresPython = try SpecifierSet(field.value)
            } catch {
                throw .invalidRequiresPython(source: reader.source, line: field.line, value: field.value, reason: error)
            }
        }
        for value in reader.headers.values(of: "Provides-Extra") {
            if let extra = try? ExtraName(value) {
                providesExtra.append(extra)
            } else {
                invalidProvidesExtra.append(value)
            }
        }
    }

    private mutating func readDescriptiveFields(_ reader: FieldReader) {
        let headers = reader.headers
        summary = headers.value(of: "Summary")
        descriptionContentType = headers.value(of: "Description-Content-Type")
        keywords = headers.value(of: "Keywords").map(Self.splitKeywords) ?? []
        homePage = headers.value(of: "Home-page")
        downloadURL = headers.value(of: "Download-URL")
        author = headers.value(of: "Author")
        authorEmail = headers.value(of: "Author-email")
        maintainer = headers.value(of: "Maintainer")
        maintainerEmail = headers.value(of: "Maintainer-email")
        license = headers.value(of: "License")
        licenseExpression = headers.value(of: "License-Expression")
        licenseFiles = headers.values(of: "License-File")
        classifiers = headers.values(of: "Classifier")
        platforms = headers.values(of: "Platform")
        supportedPlatforms = headers.values(of: "Supported-Platform")
        requiresExternal = headers.values(of: "Requires-External")
        providesDist = headers.values(of: "Provides-Dist")
        obsoletesDist = headers.values(of: "Obsoletes-Dist")
        projectURLs = headers.values(of: "Project-URL").map(Self.splitProjectURL)
    }

    /// `Keywords: dog, puppy,voting` → ["dog", "puppy", "voting"]; a value without commas
    /// is one keyword, spaces included (packaging does the same).
    static func splitKeywords(_ value: String) -> [String] {
        value.split(separator: ",").map { String($0).trimmingMetadataWhitespace }.filter { !$0.isEmpty }
    }

    /// `Project-URL: Bug Tracker, https://...` → label and URL, split at the first comma.
    static func splitProjectURL(_ value: String) -> ProjectURL {
        guard let comma = value.firstIndex(of: ",") else {
            return ProjectURL(label: value.trimmingMetadataWhitespace, url: "")
        }
        return ProjectURL(
            label: String(value[..<comma]).trimmingMetadataWhitespace,
            url: String(value[value.index(after: comma)...]).trimmingMetadataWhitespace)
    }

    /// Undoes the folding of a multi-line `Description` header. distutils indented each
    /// continuation line with 8 spaces; newer setuptools writes 7 spaces and a `|` so that
    /// leading whitespace and blank lines survive. Both are removed here.
    static func unescapeDescription(_ value: String) -> String {
        let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first else { return value }
        var result = [String(first)]
        for line in lines.dropFirst() {
            if line.hasPrefix("       |") {
                result.append(String(line.dropFirst(8)))
            } else if line.hasPrefix("        ") {
                result.append(String(line.dropFirst(8)))
            } else {
                result.append(String(line.drop { $0 == " " || $0 == "\t" }))
            }
        }
        return result.joined(separator: "\n")
    }
}

/// Looks fields up for the parser and reports missing or repeated identity fields.
private struct FieldReader {
    let headers: MetadataHeaders
    let source: String

    func single(_ name: String) throws(CoreMetadataError) -> MetadataHeaders.Field {
        guard let field = try optionalSingle(name) else { throw .missingField(source: source, field: name) }
        return field
    }

    func optionalSingle(_ name: String) throws(CoreMetadataError) -> MetadataHeaders.Field? {
        let fields = headers.fields(named: name)
        guard fields.count <= 1 else {
            throw .repeatedField(source: source, field: name, lines: fields.map(\.line))
        }
        return fields.first
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and newlines.
    fileprivate var trimmingMetadataWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0.isNewline }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
