import PackagingModel

/// What `--python` asks for, parsed once at the edge.
public enum PythonRequest: Hashable, Sendable, CustomStringConvertible {
    /// An interpreter file, or a virtual environment's directory.
    case path(String)
    /// `3`, `3.12`, `3.12.1`: a version prefix of `sys.version_info`.
    case version(VersionPrefix)
    /// `>=3.10`, `>=3.9,<3.12`: a PEP 440 specifier set over the full Python version.
    case specifier(SpecifierSet)
    /// `python3.12`, `cpython3.12`, `pypy3.10`, `python`: an implementation (nil: any) and optional version.
    case name(implementation: String?, version: VersionPrefix?)

    /// Parses `--python`'s value. Anything with a `/` (or starting with `.` or `~`) is a path;
    /// an operator starts a specifier; digits and dots are a version; letters then a version are a name.
    public init(parsing text: String) throws(PythonRequestError) {
        let trimmed = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        guard !trimmed.isEmpty else { throw .empty }
        if trimmed.contains("/") || trimmed.hasPrefix(".") || trimmed.hasPrefix("~") {
            self = .path(trimmed)
            return
        }
        if let first = trimmed.first, "<>=!~".contains(first) {
            do {
                self = .specifier(try SpecifierSet(trimmed))
            } catch {
                throw .invalidSpecifier(trimmed, reason: error.description)
            }
            return
        }
        if let version = VersionPrefix(parsing: trimmed) {
            self = .version(version)
            return
        }
        let letters = trimmed.prefix { $0.isASCII && ($0.isLetter || $0 == "_") }
        let rest = trimmed.dropFirst(letters.count)
        let implementation = letters.lowercased()
        guard Self.implementations.contains(implementation) else { throw .unrecognized(trimmed) }
        var version: VersionPrefix?
        if !rest.isEmpty {
            guard let parsed = VersionPrefix(parsing: String(rest)) else { throw .unrecognized(trimmed) }
            version = parsed
        }
        self = .name(implementation: implementation == "python" ? nil : implementation, version: version)
    }

    /// Implementation names a request may start with (`python` means any).
    static let implementations: Set<String> = ["python", "cpython", "pypy", "graalpy"]

    public var description: String {
        switch self {
        case .path(let path): return path
        case .version(let version): return version.description
        case .specifier(let specifiers): return specifiers.description
        case .name(let implementation, let version): return (implementation ?? "python") + (version?.description ?? "")
        }
    }

    /// Whether `interpreter` satisfies the request (a path request is satisfied by what it names).
    public func matches(_ interpreter: Interpreter) -> Bool {
        switch self {
        case .path:
            return true
        case .version(let prefix):
            return prefix.matches(interpreter.version)
        case .specifier(let specifiers):
            return specifiers.contains(interpreter.fullVersion, prereleases: true)
        case .name(let implementation, let version):
            if let implementation, implementation != interpreter.implementationName { return false }
            return version?.matches(interpreter.version) ?? true
        }
    }
}

/// The leading numbers of a Python version: `3`, `3.12` or `3.12.1`.
public struct VersionPrefix: Hashable, Sendable, CustomStringConvertible {
    public let major: Int
    public let minor: Int?
    public let micro: Int?

    public init?(parsing text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count),
            parts.allSatisfy({ !$0.isEmpty && $0.count <= 6 && $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        let numbers = parts.compactMap { Int($0) }
        major = numbers[0]
        minor = numbers.count > 1 ? numbers[1] : nil
        micro = numbers.count > 2 ? numbers[2] : nil
    }

    public func matches(_ version: PythonVersion) -> Bool {
        version.major == major && (minor.map { $0 == version.minor } ?? true) && (micro.map { $0 == version.micro } ?? true)
    }

    public var description: String {
        [major, minor, micro].compactMap { $0 }.map(String.init).joined(separator: ".")
    }
}

public enum PythonRequestError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case invalidSpecifier(String, reason: String)
    case unrecognized(String)

    public var description: String {
        switch self {
        case .empty:
            return "--python needs a value: a path, a version (3.12), a specifier (>=3.10) or a name (python3.12)"
        case .invalidSpecifier(let text, let reason):
            return "--python '\(text)' is not a valid version specifier: \(reason)"
        case .unrecognized(let text):
            return "--python '\(text)' is not a path, a version (3.12), a specifier (>=3.10) or a name (python3.12); "
                + "write a path with a '/' (./\(text))"
        }
    }
}
