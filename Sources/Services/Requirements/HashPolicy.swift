import PackagingModel

/// `--hash` / `--require-hashes`: once any hash is given (or required), every package installed
/// needs hashes, and its file must match one of them (pip's rule).
struct HashPolicy {
    let active: Bool
    let allowed: [PackageName: Set<String>]

    init(_ request: RequirementInstallRequest) {
        var allowed: [PackageName: Set<String>] = [:]
        for entry in request.requirements + request.constraints where !entry.sha256.isEmpty {
            allowed[entry.requirement.name, default: []].formUnion(entry.sha256)
        }
        self.allowed = allowed
        self.active = request.requireHashes || !allowed.isEmpty
    }

    func check(_ name: PackageName, listed: String?, filename: String) throws(RequirementsError) {
        guard active else { return }
        guard let hashes = allowed[name] else { throw .missingHash(name: name) }
        guard let listed else { return }
        guard hashes.contains(listed.lowercased()) else {
            throw .hashNotAllowed(name: name, filename: filename, actual: listed.lowercased(), allowed: hashes.sorted())
        }
    }
}
