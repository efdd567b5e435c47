import PackagingModel
import Python
import Resolver

/// What the resolver needs to know about one interpreter.
public struct ResolutionTarget: Sendable {
    public let environment: TargetEnvironment
    public let tags: TagPriority

    public init(environment: TargetEnvironment, tags: TagPriority) {
        self.environment = environment
        self.tags = tags
    }

    /// From an inspected interpreter: its PEP 508 markers, full version and tag list.
    public init(interpreter: Interpreter) {
        let markers = interpreter.pep508Markers
        self.init(
            environment: TargetEnvironment(markers: markers, pythonVersion: interpreter.fullVersion),
            tags: TagPriority(interpreter.compatibleTags))
    }
}
