import PackagingModel

/// A requirement as the solver uses it, after its marker has been evaluated:
/// which package, which versions, which extras, or which URL.
struct DependencySpec: Sendable {
    let name: PackageName
    let extras: [ExtraName]
    let specifiers: SpecifierSet
    let url: String?

    /// The versions the specifiers admit (see `VersionRanges.init(_:)`).
    var versions: VersionRanges { VersionRanges(specifiers) }

    /// Versions pinned with `==` (no wildcard): these may be yanked.
    var pinnedVersions: [Version] {
        specifiers.compactMap { spec in
            spec.operator == .equal && !spec.isPrefixMatch ? spec.version : nil
        }
    }

    /// `===` specifiers, which candidate selection re-checks as strings.
    var arbitraryEqualities: [Specifier] {
        specifiers.filter { $0.operator == .arbitraryEqual }
    }
}

/// What the requirements seen so far say about one distribution, beyond its version
/// ranges: the facts candidate selection needs.
struct RequirementFacts: Sendable {
    var pinned: Set<Version> = []
    var arbitraryEqualities: [Specifier] = []
    var namesPrerelease = false

    mutating func record(_ spec: DependencySpec) {
        pinned.formUnion(spec.pinnedVersions)
        arbitraryEqualities += spec.arbitraryEqualities
        namesPrerelease = namesPrerelease || spec.specifiers.namesPrerelease
    }
}
