/// Reads pip-style requirements files: requirements (with `--hash`), `-r`/`-c` includes,
/// `-e` (refused: it needs the build frontend) and the index and binary options.
///
/// Pure: files are read through `load`, which gets a path (relative ones already joined to the
/// including file's directory) and returns its text or throws (its message is shown).
///
/// ```swift
/// let parser = RequirementsFileParser(environment: env) { path in try FileSystem.readText(path) }
/// let contents = try parser.parse(requirements: ["requirements.txt"], constraints: ["constraints.txt"])
/// ```
public struct RequirementsFileParser: Sendable {
    public typealias Loader = @Sendable (String) throws -> String

    public let environment: [String: String]
    let load: Loader

    public init(environment: [String: String] = [:], load: @escaping Loader) {
        self.environment = environment
        self.load = load
    }

    /// Parses every file in order; `constraints` files (`-c` on the command line) contribute
    /// constraints only, whatever they include.
    public func parse(requirements: [String] = [], constraints: [String] = []) throws(RequirementsFileError) -> RequirementsFileContents {
        var contents = RequirementsFileContents()
        for path in requirements { try include(path, asConstraints: false, from: nil, stack: [], into: &contents) }
        for path in constraints { try include(path, asConstraints: true, from: nil, stack: [], into: &contents) }
        return contents
    }

    private func include(
        _ path: String, asConstraints: Bool, from origin: RequirementsFileLocation?, stack: [String],
        into contents: inout RequirementsFileContents
    ) throws(RequirementsFileError) {
        if let origin, stack.contains(path) { throw .includeCycle(origin, file: path) }
        let text: String
        do {
            text = try load(path)
        } catch {
            throw .unreadable(file: path, includedFrom: origin, reason: String(describing: error))
        }
        for line in RequirementsFileLines.split(text, environment: environment) {
            let location = RequirementsFileLocation(file: path, line: line.number)
            try apply(line.text, at: location, file: path, asConstraints: asConstraints, stack: stack + [path], into: &contents)
        }
    }

    private func apply(
        _ text: String, at location: RequirementsFileLocation, file: String, asConstraints: Bool, stack: [String],
        into contents: inout RequirementsFileContents
    ) throws(RequirementsFileError) {
        let (requirementText, options) = Self.separate(text)
        var parsedOptions = try OptionList(options, at: location)
        if let requirementText {
            let requirement: Requirement
            do {
                requirement = try Requirement(requirementText)
            } catch {
                throw .invalidRequirement(location, text: requirementText, reason: String(describing: error))
            }
            let hashes = try parsedOptions.takeHashes(at: location)
            try parsedOptions.expectEmpty(at: location)
            let entry = RequirementEntry(requirement: requirement, sha256: hashes, location: location)
            if asConstraints { contents.constraints.append(entry) } else { contents.requirements.append(entry) }
            return
        }
        for (option, value) in parsedOptions.items {
            switch option {
            case "-r", "--requirement", "-c", "--constraint":
                let value = try required(value, option, location)
                let nested = Self.join(directoryOf: file, value)
                let constraints = asConstraints || option == "-c" || option == "--constraint"
                try include(nested, asConstraints: constraints, from: location, stack: stack, into: &contents)
            case "-e", "--editable":
                throw .editableUnsupported(location, target: try required(value, option, location))
            case "-i", "--index-url":
                contents.indexURL = try required(value, option, location)
            case "--extra-index-url":
                contents.extraIndexURLs.append(try required(value, option, location))
            case "-f", "--find-links":
                contents.findLinks.append(Self.join(directoryOf: file, try required(value, option, location)))
            case "--no-index":
                contents.noIndex = true
            case "--pre":
                contents.prereleases = true
            case "--prefer-binary":
                contents.preferBinary = true
            case "--require-hashes":
                contents.requireHashes = true
            case "--no-binary", "--only-binary":
                let value = try required(value, option, location)
                do {
                    if option == "--no-binary" {
                        contents.noBinary = try contents.noBinary.adding(value)
                    } else {
                        contents.onlyBinary = try contents.onlyBinary.adding(value)
                    }
                } catch {
                    throw .invalidRequirement(location, text: value, reason: String(describing: error))
                }
            case "--trusted-host":
                // pip's TLS opt-out per host; kiln verifies every host, so there is nothing to record.
                _ = try required(value, option, location)
            case "--hash":
                throw .hashWithoutRequirement(location)
            default:
                throw .unknownOption(location, option: option)
            }
        }
    }

    private func required(_ value: String?, _ option: String, _ location: RequirementsFileLocation) throws(RequirementsFileError) -> String {
        guard let value, !value.isEmpty else { throw .missingValue(location, option: option) }
        return value
    }

    /// The requirement (words up to the first one that starts with `-`) and the option words.
    static func separate(_ line: String) -> (requirement: String?, options: [String]) {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let firstOption = words.firstIndex(where: { $0.hasPrefix("-") }) else { return (line, []) }
        let requirement = words[..<firstOption].joined(separator: " ")
        return (requirement.isEmpty ? nil : requirement, Array(words[firstOption...]))
    }

    /// A path relative to the including file's directory; URLs and absolute paths as they are.
    static func join(directoryOf file: String, _ path: String) -> String {
        if path.hasPrefix("/") || path.contains("://") { return path }
        guard let slash = file.lastIndex(of: "/") else { return path }
        return String(file[...slash]) + path
    }
}

/// The option words of one line as (option, value) pairs: `--opt=v`, `--opt v`, `-o v`, `-ov`.
struct OptionList {
    private(set) var items: [(option: String, value: String?)] = []

    static let takesValue: Set<String> = [
        "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url", "--extra-index-url",
        "-f", "--find-links", "--no-binary", "--only-binary", "--hash", "--trusted-host",
    ]

    init(_ words: [String], at location: RequirementsFileLocation) throws(RequirementsFileError) {
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
                items.append((String(word[..<equals]), String(word[word.index(after: equals)...])))
            } else if word.hasPrefix("--") {
                if Self.takesValue.contains(word) {
                    guard index < words.count else { throw .missingValue(location, option: word) }
                    items.append((word, words[index]))
                    index += 1
                } else {
                    items.append((word, nil))
                }
            } else if word.hasPrefix("-"), word.count > 2 {
                items.append((String(word.prefix(2)), String(word.dropFirst(2))))
            } else if word.hasPrefix("-") {
                guard Self.takesValue.contains(word) else { throw .unknownOption(location, option: word) }
                guard index < words.count else { throw .missingValue(location, option: word) }
                items.append((word, words[index]))
                index += 1
            } else {
                throw .unknownOption(location, option: word)
            }
        }
    }

    /// Removes the `--hash` items and returns their SHA-256 digests (other algorithms are refused).
    mutating func takeHashes(at location: RequirementsFileLocation) throws(RequirementsFileError) -> [String] {
        var hashes: [String] = []
        var rest: [(option: String, value: String?)] = []
        for item in items {
            guard item.option == "--hash" else { rest.append(item); continue }
            let value = item.value ?? ""
            guard value.hasPrefix("sha256:") else { throw .invalidHash(location, value: value) }
            let digest = value.dropFirst("sha256:".count).lowercased()
            guard digest.count == 64, digest.allSatisfy({ $0.isHexDigit }) else { throw .invalidHash(location, value: value) }
            hashes.append(digest)
        }
        items = rest
        return hashes
    }

    func expectEmpty(at location: RequirementsFileLocation) throws(RequirementsFileError) {
        if let first = items.first { throw .unknownOption(location, option: first.option) }
    }
}
