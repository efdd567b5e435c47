/// What a build tells its caller while it runs; the CLI decides what to print.
public enum BuildEvent: Sendable, Equatable {
    /// Another process holds the build lock of this sdist: "waiting for another build of NAME VERSION".
    case waiting(String)
    /// A build starts: the project (as its metadata names it) and its backend.
    case started(project: String, backend: String)
    /// A phase starts (for progress lines).
    case phase(BuildPhase, project: String)
    /// A hook starts.
    case hook(BuildHook)
    /// The wheel came from the built-wheel cache; no backend ran.
    case cacheHit(wheel: String)
    /// One line of backend output (only when streaming was asked for).
    case output(String)
    /// A failed build's log was kept here.
    case logKept(String)
}
