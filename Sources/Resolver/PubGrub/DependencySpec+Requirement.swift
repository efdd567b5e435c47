import PackagingModel

extension DependencySpec {
    init(_ requirement: Requirement) {
        self.init(
            name: requirement.name, extras: requirement.extras, specifiers: requirement.specifier, url: requirement.url
        )
    }
}

extension Requirement {
    /// Whether the requirement's marker holds for the target with these extras active.
    func applies(to environment: MarkerEnvironment, extras: Set<ExtraName>) -> Bool {
        marker?.evaluate(environment, extras: extras) ?? true
    }
}
