import Cache

/// Progress the installer reports; the CLI decides what to print.
public enum InstallEvent: Sendable, Equatable {
    case waiting(String)
    /// A transaction a killed kiln left behind was finished or undone before this one started.
    case recoveredInterruptedTransaction(completed: Bool)
    case unpacked(wheel: String)
    case alreadyInstalled(name: String, version: String)
    case installed(name: String, version: String, replacing: String?)
    case uninstalled(name: String, version: String)
    /// A RECORD listed a file outside the environment; it was left alone.
    case refusedOutsideEnvironment(path: String)
}

public struct InstallOptions: Sendable, Equatable {
    public var reinstall: Bool
    public var compile: Bool
    public var linkMode: LinkMode

    public init(reinstall: Bool = false, compile: Bool = false, linkMode: LinkMode = .hardlink) {
        self.reinstall = reinstall
        self.compile = compile
        self.linkMode = linkMode
    }
}

/// A wheel file to install, already chosen (by the user, or later by the resolver).
public struct WheelSource: Sendable, Equatable {
    public let path: String
    /// Named by the user (gets REQUESTED), as opposed to pulled in as a dependency.
    public let requested: Bool
    /// Where the user pointed, when it was a path or URL (gets direct_url.json, PEP 610); nil for
    /// a package found by name on an index.
    public let origin: DirectOrigin?
    /// The file's SHA-256 when the caller already knows it (a file from the archive store, which
    /// is keyed by it); otherwise the installer finds it.
    public let knownDigest: ArchiveDigest?

    public init(path: String, requested: Bool = true, origin: DirectOrigin? = .thisWheel, knownDigest: ArchiveDigest? = nil) {
        self.path = path
        self.requested = requested
        self.origin = origin
        self.knownDigest = knownDigest
    }
}
