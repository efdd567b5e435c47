import PackagingModel
import Python
import SystemSupport

/// Runs the hooks of one source tree (pypa/build's `ProjectBuilder`): prepares the environment the
/// hooks run in — through `BuildEnvironmentInstaller`, never knowing how it is filled — then calls
/// get_requires and the build hook. One builder per build; its work directory is private to it.
struct ProjectBuilder: Sendable {
    let project: SourceProject
    let target: Interpreter
    /// Base interpreter for the build venv (the target itself unless the target is a venv).
    let venvBase: Interpreter
    let isolation: BuildIsolation
    let configSettings: ConfigSettings
    let constraints: [Requirement]
    /// The caller's environment, before scrubbing.
    let baseEnvironment: [String: String]
    let sourceDateEpoch: Int64?
    /// A fresh directory that only this build uses (venv, runner files, outputs).
    let workDirectory: String
    let log: BuildLog
    let streamOutput: Bool
    let hookTimeout: Duration?
    let onEvent: @Sendable (BuildEvent) -> Void

    var record = BuildRecord()
    /// The hook invoker once the environment is ready (requires installed, get_requires run and
    /// its requirements installed): a metadata hook and then a build in one run share it.
    var prepared: HookInvoker?

    private var name: String { project.displayName }

    /// Builds a wheel into `outputDirectory` and returns its filename.
    mutating func buildWheel(into outputDirectory: String) async throws(BuildError) -> String {
        let invoker = try await preparedForWheel()
        let value = try await run(.buildWheel, invoker, [
            "wheel_directory": .string(outputDirectory), "config_settings": configSettings.json, "metadata_directory": .null,
        ])
        return try producedFile(value, hook: .buildWheel, in: outputDirectory, suffix: ".whl")
    }

    mutating func buildSdist(into outputDirectory: String) async throws(BuildError) -> String {
        let invoker = try await prepare(requiresHook: .getRequiresForBuildSdist)
        let value = try await run(.buildSdist, invoker, ["sdist_directory": .string(outputDirectory), "config_settings": configSettings.json])
        return try producedFile(value, hook: .buildSdist, in: outputDirectory, suffix: ".tar.gz")
    }

    /// The environment for wheel hooks (prepare_metadata_for_build_wheel, build_wheel), made on
    /// first use and kept.
    mutating func preparedForWheel() async throws(BuildError) -> HookInvoker {
        if let prepared { return prepared }
        let invoker = try await prepare(requiresHook: .getRequiresForBuildWheel)
        prepared = invoker
        return invoker
    }

    /// Makes the environment, installs `build-system.requires`, runs `requiresHook` and installs
    /// what it adds. Returns the invoker the build hook runs through.
    private mutating func prepare(requiresHook: BuildHook) async throws(BuildError) -> HookInvoker {
        record.backend = project.backend
        record.backendPath = project.buildSystem.backendPath
        onEvent(.started(project: [name, project.version].compactMap { $0 }.joined(separator: " "), backend: project.backend))
        let invoker: HookInvoker
        switch isolation {
        case .isolated(let installer):
            onEvent(.phase(.creatingEnvironment, project: name))
            var start = ContinuousClock.now
            let venv: VirtualEnvironment
            do {
                let location = FileSystem.join(workDirectory, "env")
                let base = venvBase
                venv = try await OffPool.run { () throws(VenvError) -> VirtualEnvironment in
                    try VenvCreator.create(at: location, base: base, prompt: "kiln-build", purpose: .throwaway)
                }
            } catch {
                throw .environment(BuildEnvironmentFailure(project: name, phase: .creatingEnvironment, reason: error.description))
            }
            record.add(BuildPhase.creatingEnvironment.rawValue, since: start)
            invoker = makeInvoker(python: venv.python, flags: ["-I"], scripts: venv.binDirectory, noUserSite: true)
            start = ContinuousClock.now
            try await install(project.buildRequirements, into: venv, installer)
            record.add(BuildPhase.resolvingBuildRequirements.rawValue, since: start)

            let extra = try await requirements(from: run(requiresHook, invoker, ["config_settings": configSettings.json]), hook: requiresHook)
            if !extra.isEmpty {
                start = ContinuousClock.now
                try await install(project.buildRequirements + extra, into: venv, installer)
                record.add(BuildPhase.resolvingBuildRequirements.rawValue + " (get_requires)", since: start)
            }
        case .none(let checkDependencies):
            // The interpreter as it is, but without the user site (which the requirement check
            // does not see either); a venv's scripts come first on PATH, as if it were activated.
            invoker = makeInvoker(
                python: target.executable, flags: [], scripts: target.isVirtualEnvironment ? target.paths.scripts : nil, noUserSite: true)
            let checker = InstalledRequirementsCheck(interpreter: target)
            if checkDependencies {
                let missing = checker.missing(project.buildRequirements)
                if !missing.isEmpty { throw .input(.missingBuildRequirements(project: name, missing: missing)) }
            }
            let extra = try await requirements(from: run(requiresHook, invoker, ["config_settings": configSettings.json]), hook: requiresHook)
            if checkDependencies {
                let missing = checker.missing(extra)
                if !missing.isEmpty { throw .input(.missingBuildRequirements(project: name, missing: missing)) }
            }
        }
        return invoker
    }

    private func makeInvoker(python: String, flags: [String], scripts: String?, noUserSite: Bool) -> HookInvoker {
        HookInvoker(
            python: python, pythonFlags: flags, sourceTree: project.root, backend: project.backend,
            backendPath: project.buildSystem.backendPath,
            environment: HookEnvironment.make(
                from: baseEnvironment, scriptsDirectory: scripts, sourceDateEpoch: sourceDateEpoch, noUserSite: noUserSite),
            workDirectory: workDirectory, log: log, timeout: hookTimeout)
    }

    private mutating func install(
        _ requirements: [Requirement], into venv: VirtualEnvironment, _ installer: any BuildEnvironmentInstaller
    ) async throws(BuildError) {
        guard !requirements.isEmpty else { return }
        onEvent(.phase(.resolvingBuildRequirements, project: name))
        let installed: [ResolvedBuildRequirement]
        do {
            installed = try await installer.install(requirements, constraints: constraints, into: venv, interpreter: target)
        } catch {
            throw .environment(BuildEnvironmentFailure(
                project: name, phase: .resolvingBuildRequirements,
                reason: error.stage == .installing ? "installing failed: \(error.message)" : error.message,
                requirements: requirements.map(\.description)))
        }
        for requirement in installed where !record.buildRequirements.contains(requirement) {
            record.buildRequirements.removeAll { $0.name == requirement.name }
            record.buildRequirements.append(requirement)
        }
    }

    /// Runs one hook; a failure becomes a `BackendFailure` with the log's tail and a hint.
    mutating func run(_ hook: BuildHook, _ invoker: HookInvoker, _ arguments: [String: JSONValue]) async throws(BuildError) -> JSONValue? {
        onEvent(.hook(hook))
        record.hooks.append(hook.rawValue)
        let start = ContinuousClock.now
        let outcome = try await invokeStreaming(hook, invoker, arguments)
        record.add(hook.rawValue, since: start)
        switch outcome {
        case .value(let value, _):
            return value
        case .missing:
            if hook == .buildWheel || hook == .buildSdist {
                throw backendFailure(hook, reason: "the backend \(project.backend) has no \(hook.rawValue) hook", module: nil)
            }
            return nil
        case .failed(let failure):
            if let traceback = failure.traceback { log.note("the hook raised:\n" + traceback) }
            throw backendFailure(hook, reason: failure.summary, module: failure.kind == .hookFailed && failure.exception != "ModuleNotFoundError" ? nil : failure.module)
        }
    }

    private func invokeStreaming(_ hook: BuildHook, _ invoker: HookInvoker, _ arguments: [String: JSONValue]) async throws(BuildError) -> HookOutcome {
        guard streamOutput else { return try await invoker.run(hook, arguments: arguments) }
        let log = self.log
        let onEvent = self.onEvent
        let offset = log.size
        let result: Result<HookOutcome, BuildError> = await withTaskGroup(of: Void.self) { group in
            group.addTask { await LogFollower.follow(log, from: offset) { onEvent(.output($0)) } }
            let value: Result<HookOutcome, BuildError>
            do throws(BuildError) {
                let outcome = try await invoker.run(hook, arguments: arguments)
                value = .success(outcome)
            } catch {
                value = .failure(error)
            }
            group.cancelAll()
            await group.waitForAll()
            return value
        }
        return try result.get()
    }

    private func backendFailure(_ hook: BuildHook, reason: String, module: String?) -> BuildError {
        let lines = log.lines()
        let hint = BuildFailureHints.hint(logLines: lines, missingModule: module, pythonMinor: target.version.minor)
        return .backend(BackendFailure(
            project: name, phase: hook.phase, hook: hook, reason: reason, logTail: log.tail(), logPath: log.path, hint: hint))
    }

    private func requirements(from value: JSONValue?, hook: BuildHook) throws(BuildError) -> [Requirement] {
        guard let value, value != .null else { return [] }
        guard case .array(let items) = value else {
            throw .input(.backendReturnedNothing(hook: hook, reason: "expected a list of requirement strings"))
        }
        var result: [Requirement] = []
        for item in items {
            guard let text = item.string else {
                throw .input(.backendReturnedNothing(hook: hook, reason: "expected a list of requirement strings"))
            }
            do {
                result.append(try Requirement(text))
            } catch {
                throw .input(.backendReturnedNothing(hook: hook, reason: "'\(text)' is not a valid requirement: \(error)"))
            }
        }
        return result
    }

    private func producedFile(_ value: JSONValue?, hook: BuildHook, in directory: String, suffix: String) throws(BuildError) -> String {
        guard let filename = value?.string, !filename.isEmpty, !filename.contains("/"), filename != "..", filename != "." else {
            throw .input(.backendReturnedNothing(hook: hook, reason: "expected the basename of the file it wrote"))
        }
        guard FileSystem.exists(FileSystem.join(directory, filename)) else {
            throw .input(.backendReturnedNothing(hook: hook, reason: "it named \(filename), which is not in \(directory)"))
        }
        return filename
    }
}
