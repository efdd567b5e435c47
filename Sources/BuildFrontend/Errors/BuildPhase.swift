/// Where in a build something went wrong; named in every failure.
public enum BuildPhase: String, Sendable, Equatable, Codable, CustomStringConvertible {
    case unpacking = "unpacking"
    case creatingEnvironment = "creating the build environment"
    case resolvingBuildRequirements = "resolving build requirements"
    case getRequires = "get_requires"
    case preparingMetadata = "preparing metadata"
    case building = "building"
    case checkingWheel = "checking the built wheel"

    public var description: String { rawValue }
}
