import Python
import SystemSupport
import Cache

/// The key of a built wheel in `built-wheels-v1`: the sdist's SHA-256, the interpreter
/// (implementation, version, ABI, platform), the config settings and the build constraints —
/// everything that may change the wheel a backend builds.
public struct BuiltWheelKey: Sendable, Equatable {
    /// The text hashed into the key, kept for the report and for tests.
    public let canonicalText: String

    public init(sdistSHA256: String, interpreter: Interpreter, configSettings: ConfigSettings, buildConstraints: [String]) {
        let bestTag = interpreter.compatibleTags.first?.description ?? ""
        let fields = [
            "sdist=" + sdistSHA256.lowercased(),
            "implementation=" + interpreter.implementationName + " " + interpreter.implementationVersion,
            "python=" + interpreter.fullVersion.description,
            "soabi=" + (interpreter.soabi ?? ""),
            "platform=" + interpreter.sysconfigPlatform,
            "tag=" + bestTag,
            "config=" + configSettings.canonicalText,
            "constraints=" + buildConstraints.sorted().joined(separator: "\n"),
        ]
        canonicalText = fields.joined(separator: "\n")
    }

    /// The entry's directory name.
    public var digest: String { CacheKey.digest(canonicalText) }
}
