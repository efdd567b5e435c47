import Foundation

/// The CPython interpreters pyenv installed on this machine (3.8–3.13 on the project's machines).
/// Tests that need one skip with a message when it is missing.
public enum PyenvInterpreters {
    public static var root: String {
        if let root = ProcessInfo.processInfo.environment["PYENV_ROOT"], !root.isEmpty { return root }
        return NSHomeDirectory() + "/.pyenv"
    }

    /// The newest installed patch release of `minor` (e.g. "3.12"), as the path of its `python3.X`.
    public static func path(for minor: String) -> String? {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root + "/versions")) ?? []
        let matching = versions.filter { $0 == minor || $0.hasPrefix(minor + ".") }
            .filter { $0.dropFirst(minor.count + 1).allSatisfy(\.isNumber) }
            .sorted { $0.compare($1, options: .numeric) == .orderedAscending }
        for version in matching.reversed() {
            let executable = "\(root)/versions/\(version)/bin/python\(minor)"
            if FileManager.default.isExecutableFile(atPath: executable) { return executable }
        }
        return nil
    }

    public static func isAvailable(_ minor: String) -> Bool { path(for: minor) != nil }
}

/// The network suite (`make test-network`) sets KILN_NETWORK_TESTS=1; suites that reach the real
/// index are named `Network…` and enabled only then.
public enum NetworkTests {
    public static var enabled: Bool {
        ProcessInfo.processInfo.environment["KILN_NETWORK_TESTS"] == "1"
    }
}
