/// What one hook call came back with, as the hook runner reported it.
public enum HookOutcome: Sendable, Equatable {
    /// The hook's return value. `usedFallback`: the backend lacks the hook and PEP 517's default
    /// answered (`[]` for get_requires, a wheel's .dist-info for prepare_metadata).
    case value(JSONValue, usedFallback: Bool)
    /// An optional hook the backend does not define and that has no default.
    case missing
    /// The backend could not be imported, was invalid, or the hook raised.
    case failed(HookFailure)
}

public struct HookFailure: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case backendUnavailable = "backend-unavailable"
        case backendInvalid = "backend-invalid"
        case hookFailed = "hook-failed"
        /// The runner itself died (a signal, a crash) without writing its result.
        case runnerDied = "runner-died"
    }

    public let kind: Kind
    public let message: String
    public let exception: String?
    /// The module an ImportError named.
    public let module: String?
    public let traceback: String?

    /// One line for the error message.
    var summary: String {
        switch kind {
        case .hookFailed:
            return [exception, message.isEmpty ? nil : message].compactMap { $0 }.joined(separator: ": ")
        default:
            return message
        }
    }
}
