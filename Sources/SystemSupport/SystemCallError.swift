#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call, with the operation and path a user needs to understand it.
public struct SystemCallError: Error, Equatable, Sendable, CustomStringConvertible {
    public let operation: String
    public let path: String?
    public let code: Int32

    public init(_ operation: String, path: String? = nil, code: Int32 = errno) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    public var description: String {
        let reason = String(cString: strerror(code))
        if let path {
            return "\(operation) \(path): \(reason)"
        }
        return "\(operation): \(reason)"
    }
}
