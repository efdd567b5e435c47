import Index
import Lock
import PackagingModel

/// Turns per-Python results into lock entries: one entry per (package, version, selectors),
/// with a marker naming the Pythons it applies to as ranges of neighbouring minors
/// (`python_version >= "3.10" and python_version < "3.12"`).
struct ForkMerger {
    let forks: [PythonFork]
    let indexURL: String?

    private struct Key: Hashable {
        let name: PackageName
        let version: Version
        let selectors: [LockSelector]
    }

    private struct Gathered {
        var minors: Set<Int> = []
        var dependencies: Set<PackageName> = []
        var wheels: [String: IndexFile] = [:]
        var sdist: IndexFile?
        var requiresPython: SpecifierSet?
    }

    func entries(_ outcomes: [ForkOutcome]) throws(LockServiceError) -> [LockedPackage] {
        var gathered: [Key: Gathered] = [:]
        for outcome in outcomes {
            for package in outcome.packages {
                let key = Key(name: package.name, version: package.version, selectors: package.selectors.sorted())
                var entry = gathered[key] ?? Gathered()
                entry.minors.insert(outcome.fork.minor)
                entry.dependencies.formUnion(package.dependencies)
                for wheel in package.wheels { entry.wheels[wheel.filename] = wheel }
                entry.sdist = entry.sdist ?? package.sdist
                entry.requiresPython = entry.requiresPython ?? package.requiresPython
                gathered[key] = entry
            }
        }
        var packages: [LockedPackage] = []
        for (key, entry) in gathered {
            // PEP 751 requires a hash for every file; kiln does not download files to make one.
            if let unhashed = (Array(entry.wheels.values) + [entry.sdist].compactMap { $0 }).first(where: { $0.hashes.isEmpty }) {
                throw .unhashedFile(name: key.name.normalized, filename: unhashed.filename)
            }
            let marker = try Self.marker(python: pythonMarker(entry.minors), selectors: key.selectors)
            packages.append(LockedPackage(
                name: key.name, version: key.version, marker: marker, requiresPython: entry.requiresPython,
                dependencies: entry.dependencies.sorted().map { LockedDependency(name: $0) }, index: indexURL,
                source: .distributions(sdist: entry.sdist.map(Self.lockedFile), wheels: entry.wheels.values.map(Self.lockedFile))))
        }
        return packages
    }

    /// The Python part of an entry's marker: nil when it applies to every fork; else one
    /// clause per run of neighbouring minors, the lowest run open below and the highest open
    /// above (Pythons outside the forks are outside the lock's requires-python, or newer than
    /// any fork and given the newest fork's picks).
    func pythonMarker(_ minors: Set<Int>) -> String? {
        let all = forks.map(\.minor)
        guard let lowest = all.first, let highest = all.last else { return nil }
        if Set(all).isSubset(of: minors) { return nil }
        var runs: [(Int, Int)] = []
        for minor in all where minors.contains(minor) {
            if let last = runs.last, all.first(where: { $0 > last.1 }) == minor {
                runs[runs.count - 1].1 = minor
            } else {
                runs.append((minor, minor))
            }
        }
        let clauses = runs.map { start, end -> String in
            // The run ends below the next fork: minors between them are outside requires-python.
            let next = all.first { $0 > end } ?? end + 1
            switch (start == lowest, end == highest) {
            case (true, true): return ""
            case (true, false): return "python_version < \"3.\(next)\""
            case (false, true): return "python_version >= \"3.\(start)\""
            case (false, false):
                return next == start + 1 ? "python_version == \"3.\(start)\""
                    : "python_version >= \"3.\(start)\" and python_version < \"3.\(next)\""
            }
        }
        if clauses.count == 1 { return clauses[0] }
        return clauses.map { $0.contains(" and ") ? "(\($0))" : $0 }.joined(separator: " or ")
    }

    /// The Python clause and the extras/groups clause joined, parsed into kiln's canonical form.
    static func marker(python: String?, selectors: [LockSelector]) throws(LockServiceError) -> Marker? {
        let selection = selectors.contains(.base) ? [] : selectors.compactMap(\.marker)
        var parts: [String] = []
        if let python { parts.append(selection.isEmpty || !python.contains(" or ") ? python : "(\(python))") }
        if !selection.isEmpty { parts.append(selection.count == 1 || parts.isEmpty ? selection.joined(separator: " or ") : "(\(selection.joined(separator: " or ")))") }
        guard !parts.isEmpty else { return nil }
        let text = parts.joined(separator: " and ")
        do {
            return try Marker(text)
        } catch {
            throw .resolution(python: "all", .internalInconsistency("the lock marker \(text) does not parse: \(error)"))
        }
    }

    static func lockedFile(_ file: IndexFile) -> LockedFile {
        LockedFile(
            name: file.filename, url: file.url.requestString,
            uploadTime: file.uploadTime.map { LockTimestamp(secondsSinceEpoch: $0.microsecondsSinceEpoch / 1_000_000) },
            size: file.size.map { Int($0) }, hashes: file.hashes.digests)
    }
}
