/// The PEP 517 and PEP 660 hooks a frontend may call on a build backend.
public enum BuildHook: String, Sendable, CaseIterable, Codable {
    case getRequiresForBuildWheel = "get_requires_for_build_wheel"
    case getRequiresForBuildSdist = "get_requires_for_build_sdist"
    case getRequiresForBuildEditable = "get_requires_for_build_editable"
    case prepareMetadataForBuildWheel = "prepare_metadata_for_build_wheel"
    case prepareMetadataForBuildEditable = "prepare_metadata_for_build_editable"
    case buildWheel = "build_wheel"
    case buildSdist = "build_sdist"
    case buildEditable = "build_editable"

    /// The phase a failure of this hook is reported in.
    var phase: BuildPhase {
        switch self {
        case .getRequiresForBuildWheel, .getRequiresForBuildSdist, .getRequiresForBuildEditable: return .getRequires
        case .prepareMetadataForBuildWheel, .prepareMetadataForBuildEditable: return .preparingMetadata
        case .buildWheel, .buildSdist, .buildEditable: return .building
        }
    }
}
