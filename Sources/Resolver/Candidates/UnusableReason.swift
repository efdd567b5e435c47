import PackagingModel

/// What went wrong in one failed build, reduced to what the resolver reports: the phase, the
/// hook (when a hook failed), a one-line message and the last lines of the build log. The
/// resolver does not depend on the build frontend; the composition layer fills this in.
public struct BuildFailureSummary: Sendable, Hashable {
    /// Where the build stopped ("get_requires", "preparing metadata", "resolving build requirements", ...).
    public let phase: String
    /// The PEP 517 hook that failed, when one did ("get_requires_for_build_wheel").
    public let hook: String?
    /// One line: the exception and its message, or what went wrong around the backend.
    public let message: String
    /// The last lines of the build log, oldest first (empty when no hook ran).
    public let logTail: [String]
    /// Where the whole build log was kept, when it was.
    public let logPath: String?

    public init(phase: String, hook: String?, message: String, logTail: [String], logPath: String? = nil) {
        self.phase = phase
        self.hook = hook
        self.message = message
        self.logTail = logTail
        self.logPath = logPath
    }

    /// The line a user sees first: the last non-blank line of the log, else the message's first line.
    public var lastLine: String {
        guard let line = logTail.last(where: { $0.contains { !$0.isWhitespace } }) else {
            return message.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? message
        }
        return String(line.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}

/// Why one version's metadata could not be obtained. A fact about that version (resolution moves
/// on to others), never an error of the whole resolution.
public enum UnusableReason: Sendable, Hashable, CustomStringConvertible {
    /// Its sdist's metadata build failed (a guard in setup.py, a missing compiler, a backend error).
    case buildFailed(BuildFailureSummary)
    /// Its sdist needs a build to tell its dependencies and this resolution cannot build.
    case buildNeeded(file: String)
    /// The file (or its metadata) could not be downloaded.
    case download(file: String, detail: String)
    /// The metadata is there but does not parse.
    case metadataUnreadable(file: String, detail: String)
    /// The metadata describes another project or version than the file's name says.
    case metadataMismatch(file: String, found: String, expected: String)
    /// The index page the version was listed on could not be read again.
    case indexUnreadable(PackageName)
    /// The file the resolver chose is not among the version's files (an internal inconsistency).
    case fileNotListed(file: String)

    /// Whether this failure counts towards `ResolverOptions.maxBuildFailures`.
    public var countsAsBuildFailure: Bool {
        if case .buildFailed = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .buildFailed(let failure):
            "its build failed (\(failure.hook ?? failure.phase)): \(failure.lastLine)"
        case .buildNeeded(let file):
            "\(file) needs a build to tell its dependencies, and building is not available here"
        case .download(let file, let detail):
            "\(file) could not be downloaded: \(detail)"
        case .metadataUnreadable(let file, let detail):
            "the metadata of \(file) is unreadable: \(detail)"
        case .metadataMismatch(let file, let found, let expected):
            "\(file) describes itself as \(found), not \(expected)"
        case .indexUnreadable(let name):
            "the index page of \(name) could not be read"
        case .fileNotListed(let file):
            "\(file) is not among the files the index lists for it"
        }
    }
}
