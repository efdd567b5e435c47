#if canImport(Glibc)
import Glibc
#endif

/// Read-only facts about the running process, gathered here so library code can take them as
/// plain values (and tests can pass others).
public enum ProcessEnvironment {
    public static var variables: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }

    public static var processID: Int32 { getpid() }

    public static var temporaryDirectory: String {
        if let tmp = getenv("TMPDIR") { return String(cString: tmp) }
        return "/tmp"
    }

    public static var isRoot: Bool { geteuid() == 0 }
}
