import PackagingModel
import Resolver

extension IndexMetadataProvider {
    /// Hints for a failed resolution: versions of the packages it mentions that were never
    /// candidates because their `requires-python` excludes the target (the trap behind "why
    /// is the version I asked for not used?"). Versions outside a root requirement's specifier
    /// are left out; each hint names the specifier and up to five versions.
    func requiresPythonHints(mentionedIn explanation: String, roots: [Requirement]) async -> [String] {
        var hints: [String] = []
        for name in await state.loadedNames().sorted(by: { $0.normalized < $1.normalized })
        where explanation.contains(name.normalized) || explanation.contains(name.original) {
            guard case .success(let files) = await files(of: name) else { continue }
            let wanted = roots.filter { $0.name == name }.map(\.specifier)
            var excluded: [String: [Version]] = [:]
            for (version, listed) in files.byVersion where wanted.allSatisfy({ $0.contains(version, prereleases: true) }) {
                let specifiers = listed.compactMap(\.distribution.requiresPython)
                guard specifiers.count == listed.count, let first = specifiers.first,
                      specifiers.allSatisfy({ !$0.contains(pythonVersion, prereleases: true) }) else { continue }
                excluded[first.description, default: []].append(version)
            }
            // Newest group first; every group holds at least one version.
            let groups = excluded.compactMap { entry -> (specifier: String, newest: [Version])? in
                let sorted = entry.value.sorted(by: >)
                return sorted.isEmpty ? nil : (entry.key, sorted)
            }
            for (specifier, newest) in groups.sorted(by: { $0.newest[0] > $1.newest[0] }) {
                var list = newest.prefix(5).map { "\(name.normalized) \($0)" }.joined(separator: ", ")
                if newest.count > 5 { list += " and \(newest.count - 5) more" }
                hints.append("\(list) \(newest.count == 1 ? "is" : "are") not considered: requires-python \(specifier) excludes Python \(pythonVersion)")
            }
        }
        return hints
    }
}

extension ProviderState {
    func loadedNames() -> [PackageName] { Array(pageNames) }
}
