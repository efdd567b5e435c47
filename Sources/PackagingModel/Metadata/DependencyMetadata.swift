/// The fields of a distribution's core metadata that a resolution reads: who it is (to check it
/// is the version asked for) and what it needs. Everything else in METADATA (descriptions,
/// classifiers, URLs) is of no use to a resolver, and not carried.
public struct DependencyMetadata: Sendable, Equatable {
    public let name: PackageName
    public let version: Version
    public let requiresPython: SpecifierSet?
    /// `Requires-Dist`, in file order.
    public let requiresDist: [Requirement]

    public init(name: PackageName, version: Version, requiresPython: SpecifierSet?, requiresDist: [Requirement]) {
        self.name = name
        self.version = version
        self.requiresPython = requiresPython
        self.requiresDist = requiresDist
    }

    public init(_ metadata: CoreMetadata) {
        self.init(name: metadata.name, version: metadata.version, requiresPython: metadata.requiresPython, requiresDist: metadata.requiresDist)
    }
}
