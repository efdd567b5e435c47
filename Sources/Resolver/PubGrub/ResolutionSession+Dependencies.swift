import PackagingModel

extension ResolutionSession {
    enum DependencyOutcome {
        case dependencies([DependencySpec])
        case unavailable(UnavailableReason)
    }

    /// The dependencies of `package` at the candidate's version, asking the provider
    /// once per version, from the file the candidate policy chose. A failure is recorded as a
    /// fact, remembered for the warnings and the error report, and counted towards the
    /// package's bound on failed builds.
    mutating func loadDependencies(
        _ package: ResolverPackage,
        name: PackageName,
        candidate: EvaluatedCandidate
    ) async -> DependencyOutcome {
        let version = candidate.version
        let result: MetadataResult
        if let known = metadata[name]?[version] {
            result = known
        } else {
            result = await provider.dependencies(of: name, version: version, file: candidate.file)
            metadata[name, default: [:]][version] = result
            if case .unusable(let reason) = result {
                passedOver.append((name, version, reason))
                if reason.countsAsBuildFailure { recordBuildFailure(name, version, reason) }
            }
        }
        switch result {
        case .unusable(let reason):
            return .unavailable(.metadataFailed(reason))
        case .metadata(let found):
            if let requiresPython = found.requiresPython,
               !requiresPython.contains(environment.pythonVersion, prereleases: true) {
                return .unavailable(.requiresPython(
                    specifier: requiresPython.description, python: environment.pythonVersion.description
                ))
            }
            if options.noDependencies { return .dependencies([]) }
            return .dependencies(applicableRequirements(found, for: package))
        }
    }

    /// The requirements whose markers hold for the target: for a base package with no
    /// extras active, for an extra those that hold only because the extra is active.
    private func applicableRequirements(_ found: PackageMetadata, for package: ResolverPackage) -> [DependencySpec] {
        found.requirements.compactMap { requirement in
            let withoutExtras = requirement.applies(to: environment.markers, extras: [])
            switch package {
            case .extra(_, let extra):
                guard !withoutExtras, requirement.applies(to: environment.markers, extras: [extra]) else { return nil }
            default:
                guard withoutExtras else { return nil }
            }
            return DependencySpec(requirement)
        }
    }

    private mutating func recordBuildFailure(_ name: PackageName, _ version: Version, _ reason: UnusableReason) {
        buildFailures[name, default: []].append((version, reason))
        guard buildFailures[name]?.count == options.maxBuildFailures else { return }
        // Every source-only version whose metadata was not obtained yet is now off limits.
        let untried = (candidates[name]?.ordered ?? [])
            .filter { !$0.file.isWheel && metadata[name]?[$0.version] == nil }
            .map { equivalentRange(name, around: $0.version) }
        guard !untried.isEmpty else { return }
        core.add(Incompatibility(
            [.positive(.base(name), untried.reduce(VersionRanges.empty) { $0.union($1) })],
            cause: .unavailable(.buildFailureLimit(limit: options.maxBuildFailures))
        ))
    }

    /// Adds "`package` at `version` depends on ..." for each requirement, with the
    /// constraints applied to the ranges. Returns whether one of them is already
    /// violated by the partial solution (then the version must not be decided).
    mutating func addDependencies(
        of package: ResolverPackage,
        at version: Version,
        _ specs: [DependencySpec]
    ) throws(ResolutionError) -> Bool {
        let dependerVersions: VersionRanges = package.name.map { equivalentRange($0, around: version) } ?? .full
        var conflict = false
        for spec in specs {
            if case .base(let own) = package, own == spec.name, spec.extras.isEmpty { continue }
            facts[spec.name, default: RequirementFacts()].record(spec)
            if let url = spec.url {
                if let existing = urls[spec.name], existing != url {
                    throw .conflictingURLs(package: spec.name, urls: [existing, url])
                }
                if urls[spec.name] == nil { candidates[spec.name] = nil }
                urls[spec.name] = url
            }
            var range = spec.url == nil ? spec.versions : .full
            if let constraint = constraints[spec.name] { range = range.intersection(constraint) }
            let targets = [ResolverPackage.base(spec.name)] + spec.extras.map { .extra(spec.name, $0) }
            for target in targets {
                if discovery[target] == nil { discovery[target] = discovery.count }
                let incompatibility = Incompatibility(
                    [.positive(package, dependerVersions), .negative(target, range)], cause: .dependency
                )
                core.add(incompatibility)
                conflict = conflict || core.solution.satisfies(.negative(target, range))
            }
        }
        return conflict
    }

    /// The widest range holding `version` and no other candidate: a fact about `version`
    /// holds for all of it, and explanations then read "foo<2 depends on ..." rather than
    /// leaving gaps that would each need a "no versions" fact of their own.
    func equivalentRange(_ name: PackageName, around version: Version) -> VersionRanges {
        guard let list = candidates[name] else { return .exactly(version) }
        let neighbours = list.neighbours(of: version)
        let lower = neighbours.below.map { VersionCut.after($0, .exact) }
        let upper = neighbours.above.map { VersionCut.before($0) }
        return VersionRanges(from: lower ?? .minimum, to: upper ?? .maximum)
    }

    /// The versions passed over, then the packages whose bound on failed builds was reached:
    /// told once, when the resolution has succeeded (a failed one lists them in its error).
    private func successWarnings() -> [ResolutionWarning] {
        var result = passedOver.map { ResolutionWarning.passedOver(name: $0.name, version: $0.version, reason: $0.reason) }
        for (name, failures) in buildFailures.sorted(by: { $0.key < $1.key }) where failures.count >= options.maxBuildFailures {
            result.append(.buildFailureLimitReached(name: name, limit: options.maxBuildFailures))
        }
        return result
    }

    func makeResolution() -> Resolution {
        var versions: [PackageName: Version] = [:]
        var extras: [PackageName: Set<ExtraName>] = [:]
        for (package, version) in core.solution.decisions {
            switch package {
            case .root: continue
            case .base(let name): versions[name] = version
            case .extra(let name, let extra): extras[name, default: []].insert(extra)
            }
        }
        let packages = versions.keys.sorted().compactMap { name -> ResolvedPackage? in
            guard let version = versions[name] else { return nil }
            return ResolvedPackage(
                name: name, version: version, extras: (extras[name] ?? []).sorted(),
                file: candidates[name]?.candidate(version)?.file, url: urls[name]
            )
        }
        return Resolution(packages: packages, warnings: successWarnings())
    }
}
