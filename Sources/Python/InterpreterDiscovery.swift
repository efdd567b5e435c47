import SystemSupport

/// Finds interpreters the way DESIGN.md's command-line contract describes:
/// with no request, `$VIRTUAL_ENV`, then `./.venv` (here or in a parent), then `python3` on PATH;
/// for a request, those places and then every `python`/`python3`/`python3.X` on PATH and every
/// pyenv version, first match wins.
public struct InterpreterDiscovery: Sendable {
    public let inspector: InterpreterInspector
    public let context: DiscoveryContext

    public init(inspector: InterpreterInspector, context: DiscoveryContext) {
        self.inspector = inspector
        self.context = context
    }

    /// The interpreter `request` names (nil: the default interpreter).
    public func find(_ request: PythonRequest?) async throws(DiscoveryError) -> Interpreter {
        guard let request else { return try await findDefault() }
        if case .path(let path) = request { return try await inspectPath(path) }

        var found: [Interpreter] = []
        var failures: [InterpreterError] = []
        var seen = Set<String>()
        for candidate in InterpreterCandidates.search(in: context, for: request) {
            let interpreter: Interpreter
            do {
                interpreter = try await inspector.inspect(candidate.path)
            } catch {
                failures.append(error)
                continue
            }
            if request.matches(interpreter) { return interpreter }
            if seen.insert(interpreter.identity).inserted { found.append(interpreter) }
        }
        throw .noMatch(request: request.description, found: found, skipped: failures.count)
    }

    /// Every interpreter the search finds, inspected in parallel, in search order, without
    /// duplicates; candidates that fail inspection are returned as failures.
    public func list() async -> [DiscoveryOutcome] {
        let candidates = InterpreterCandidates.search(in: context, for: nil)
        let inspector = self.inspector
        let outcomes = await withTaskGroup(of: (Int, DiscoveryOutcome).self) { group in
            for (index, candidate) in candidates.enumerated() {
                group.addTask {
                    // Named first: see `Result.awaiting` for the miscompile this avoids.
                    let result = await Result.awaiting { () async throws(InterpreterError) in try await inspector.inspect(candidate.path) }
                    let outcome: DiscoveryOutcome
                    switch result {
                    case .success(let interpreter): outcome = .found(interpreter)
                    case .failure(let error): outcome = .failed(error)
                    }
                    return (index, outcome)
                }
            }
            var results = [DiscoveryOutcome?](repeating: nil, count: candidates.count)
            for await (index, outcome) in group where results.indices.contains(index) { results[index] = outcome }
            // Every child returns the slot it was given; a missing one is a fault in kiln, said as such.
            return results.enumerated().map { slot, outcome in
                outcome ?? .failed(.cannotRun(path: candidates[slot].path, reason: "internal error: its inspection returned no result"))
            }
        }
        // A pyenv shim and the interpreter it runs are one interpreter.
        var seen = Set<String>()
        return outcomes.filter { outcome in
            guard case .found(let interpreter) = outcome else { return true }
            return seen.insert(interpreter.identity).inserted
        }
    }

    private func findDefault() async throws(DiscoveryError) -> Interpreter {
        let candidates = InterpreterCandidates.defaults(in: context)
        guard let first = candidates.first else {
            throw .noDefault(searched: ["$VIRTUAL_ENV", "./.venv", "python3 on PATH"])
        }
        do {
            return try await inspector.inspect(first.path)
        } catch {
            throw .interpreter(error)
        }
    }

    private func inspectPath(_ given: String) async throws(DiscoveryError) -> Interpreter {
        var path = given
        if path == "~" || path.hasPrefix("~/"), let home = context.variables["HOME"] {
            path = home + path.dropFirst()
        }
        while path.hasPrefix("./") { path = String(path.dropFirst(2)) }
        if !path.hasPrefix("/") { path = path == "." ? context.currentDirectory : FileSystem.join(context.currentDirectory, path) }
        if FileSystem.isDirectory(path) {
            guard let python = InterpreterCandidates.environmentPython(path) else {
                throw .interpreter(.notAnEnvironment(path: path))
            }
            path = python
        }
        do {
            return try await inspector.inspect(path)
        } catch {
            throw .interpreter(error)
        }
    }
}

/// What discovery looks at: the environment variables and working directory it runs with.
public struct DiscoveryContext: Sendable {
    public var variables: [String: String]
    public var currentDirectory: String

    public init(variables: [String: String], currentDirectory: String) {
        self.variables = variables
        self.currentDirectory = currentDirectory
    }

    public static var current: DiscoveryContext {
        DiscoveryContext(variables: ProcessEnvironment.variables, currentDirectory: FileSystem.currentDirectory())
    }
}

public enum DiscoveryOutcome: Sendable {
    case found(Interpreter)
    case failed(InterpreterError)
}

public enum DiscoveryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The named or default interpreter could not be inspected.
    case interpreter(InterpreterError)
    /// No request, and none of the default places holds an interpreter.
    case noDefault(searched: [String])
    /// Nothing found satisfies the request; `found` lists what was seen.
    case noMatch(request: String, found: [Interpreter], skipped: Int)

    public var description: String {
        switch self {
        case .interpreter(let error):
            return error.description
        case .noDefault(let searched):
            return "no Python interpreter found (looked at \(searched.joined(separator: ", "))); pass --python or create ./.venv"
        case .noMatch(let request, let found, let skipped):
            let seen = found.isEmpty
                ? "none were found"
                : "found " + found.map { "\($0.implementationName) \($0.version) at \($0.path)" }.joined(separator: ", ")
            let broken = skipped > 0 ? " (\(skipped) could not be inspected; see `kiln python list -v`)" : ""
            return "no Python interpreter matches '\(request)': \(seen)\(broken)"
        }
    }
}

extension Interpreter {
    /// Two paths reach the same interpreter if they run the same file with the same prefix
    /// (a venv shares its base interpreter's file but not its prefix).
    var identity: String {
        ((try? FileSystem.realPath(executable)) ?? executable) + "\u{0}" + prefix
    }
}
