import PackagingModel

/// The texts of the METADATA fields a resolution reads, as the file writes them: what a parsed
/// entry stores (`ParsedMetadataLayout` says why text and not parsed structure).
struct ParsedMetadataFields: Sendable, Equatable {
    let name: String
    let version: String
    let requiresPython: String?
    let requiresDist: [String]

    init(name: String, version: String, requiresPython: String?, requiresDist: [String]) {
        self.name = name
        self.version = version
        self.requiresPython = requiresPython
        self.requiresDist = requiresDist
    }

    /// The fields of `headers`, which `CoreMetadata(headers:source:)` has accepted: so `Name` and
    /// `Version` are there once, `Requires-Python` at most once, and every value parses.
    init?(acceptedHeaders headers: MetadataHeaders) {
        guard let name = headers.value(of: "Name"), let version = headers.value(of: "Version") else { return nil }
        self.init(name: name, version: version, requiresPython: headers.value(of: "Requires-Python"),
                  requiresDist: headers.values(of: "Requires-Dist"))
    }

    /// The fields parsed with the parsers `CoreMetadata` uses, so the values equal the ones it
    /// gives for the same file; nil if any does not parse (an entry written by a kiln whose
    /// parsers accepted more: the caller rebuilds it from the METADATA file).
    func parsed() -> DependencyMetadata? {
        guard let name = try? PackageName(name), let version = try? Version(version) else { return nil }
        var requiresPython: SpecifierSet?
        if let text = self.requiresPython {
            guard let set = try? SpecifierSet(text) else { return nil }
            requiresPython = set
        }
        var requirements: [Requirement] = []
        requirements.reserveCapacity(requiresDist.count)
        for text in requiresDist {
            guard let requirement = try? Requirement(text) else { return nil }
            requirements.append(requirement)
        }
        return DependencyMetadata(name: name, version: version, requiresPython: requiresPython, requiresDist: requirements)
    }
}
