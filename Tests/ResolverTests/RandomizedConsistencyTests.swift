import PackagingModel
import Resolver
import Testing

/// Random in-memory indexes: whatever the resolver returns must satisfy every
/// requirement of every package it chose; a failure must come with an explanation.
@Suite struct RandomizedConsistencyTests {
    @Test func solutionsSatisfyEveryRequirement() async throws {
        var rng = SplitMix64(seed: 2024)
        let names = (0..<12).map { "p\($0)" }
        let operators = [">=", "<", "==", "!=", "~="]
        var solved = 0
        for _ in 0..<60 {
            var index = InMemoryIndex()
            var declared: [String: [String: [String]]] = [:]
            for name in names {
                let count = 1 + Int(rng.next() % 4)
                for major in 1...count {
                    let version = "\(major).\(rng.next() % 3)"
                    var dependencies: [String] = []
                    for _ in 0..<Int(rng.next() % 3) {
                        let target = names[Int(rng.next() % UInt64(names.count))]
                        guard target != name else { continue }
                        let op = operators[Int(rng.next() % UInt64(operators.count))]
                        dependencies.append("\(target)\(op)\(1 + rng.next() % 4).\(rng.next() % 3)")
                    }
                    declared[name, default: [:]][version] = dependencies
                    try index.add(name, version, dependencies)
                }
            }
            let roots = (0..<3).map { _ in names[Int(rng.next() % UInt64(names.count))] }
            do {
                let resolution = try await resolve(index, roots)
                solved += 1
                var chosen: [PackageName: Version] = [:]
                for package in resolution.packages { chosen[package.name] = package.version }
                for root in roots { #expect(chosen[try PackageName(root)] != nil) }
                for package in resolution.packages {
                    let requirements = declared[package.name.description]?[package.version.description] ?? []
                    for text in requirements {
                        let requirement = try Requirement(text)
                        let version = try #require(chosen[requirement.name], "\(package) needs \(text)")
                        #expect(requirement.specifier.contains(version, prereleases: true), "\(package) needs \(text)")
                    }
                }
            } catch let error as ResolutionError {
                guard case .noSolution(let explanation, _) = error else {
                    Issue.record("unexpected error \(error)")
                    continue
                }
                #expect(explanation.hasSuffix("your requirements are unsatisfiable."))
            }
        }
        #expect(solved > 10)
    }
}
