import BuildFrontend
import Resolver

extension BuildFailureSummary {
    /// What the resolver reports of a failed metadata build: the phase (and hook) it stopped in,
    /// its one-line reason and the tail of its log.
    init(error: BuildError) {
        switch error {
        case .backend(let failure):
            self.init(
                phase: failure.phase.rawValue, hook: failure.hook.rawValue, message: failure.reason, logTail: failure.logTail,
                logPath: failure.logPath)
        case .environment(let failure):
            self.init(phase: failure.phase.rawValue, hook: nil, message: failure.reason, logTail: [])
        case .input(let failure):
            self.init(phase: "checking the source", hook: nil, message: failure.description, logTail: [])
        case .cache(let message):
            self.init(phase: "using the cache", hook: nil, message: message, logTail: [])
        case .io(let failure):
            self.init(phase: "reading and writing files", hook: nil, message: failure.description, logTail: [])
        case .cancelled:
            self.init(phase: "building", hook: nil, message: error.description, logTail: [])
        }
    }
}
