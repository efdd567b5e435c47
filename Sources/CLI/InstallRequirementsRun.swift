import ArgumentParser
import BuildFrontend
import Cache
import Install
import Python
import Services
import SystemSupport

/// `kiln install` with requirements: build local sources, resolve for the target's interpreter
/// (installed versions preferred unless -U), download the chosen files, build the sdists among
/// them, install.
extension InstallCommand {
    /// Only `.whl` paths and no requirement files: installed as given, without resolution.
    var installsLocalWheelsOnly: Bool {
        !wheels.isEmpty && wheels.allSatisfy { $0.hasSuffix(".whl") }
            && resolution.requirementFiles.isEmpty && resolution.constraintFiles.isEmpty && resolution.editables.isEmpty
            && !dryRun && !upgrade
    }

    func runRequirements(target: InstallTarget, cache: CacheRoot, console: Console) async throws {
        let (arguments, localSources) = try InstallArguments.split(wheels, editables: resolution.editables)
        let contents = try resolution.inputs(arguments: arguments, editablesHandled: true)
        let options = try resolution.resolverOptions(contents)
        let discovery = try global.interpreterDiscovery(cache: cache)
        let interpreter = try await discovery.find(try PythonRequest(parsing: target.pythonExecutable))
        let progress = ProgressRenderer(console: console)
        let service = InstallService(cache: cache, target: target, lockTimeout: global.lockTimeout) { event in
            InstallEventPrinter.print(event, console, summarised: true)
        }
        let request = RequirementInstallRequest(
            requirements: contents.requirements, constraints: contents.constraints, localSources: localSources,
            upgrade: upgrade, reinstall: reinstall, requireHashes: requireHashes || contents.requireHashes, dryRun: dryRun,
            install: layout.installOptions(reinstall: reinstall))
        // Built wheels live here until they are installed (unpacked into the cache's archive store).
        let wheelDirectory = try BuildDirectory.make(prefix: "install-wheels")
        defer { wheelDirectory.remove() }
        let (build, global) = (self.build, self.global)
        // Builds run backends: a signal cancels the run, which stops them (TerminationSignals).
        let plan = try await TerminationSignals.cancellingOnSignal {
            try await global.merging(contents).withPackageIndex(cache: cache, console: console, progress: progress) { index in
                let frontend = try await build.frontend(
                    global: global, cache: cache, index: index, target: interpreter, discovery: discovery, console: console)
                // One registry of sdist builds for the run: metadata builds during resolution, and
                // the install's wheels from the same sessions.
                let builds = SdistBuilds(service: frontend.service, options: frontend.options)
                let resolver = RequirementsResolver(
                    index: index, target: ResolutionTarget(interpreter: interpreter), options: options,
                    sdists: BuildingSdistMetadataSource(builds: builds) { progress.update($0) }, delegate: ConsoleResolverDelegate(console: console))
                let builders = InstallBuilders(
                    sdists: SessionSdistWheelBuilder(builds: builds, outputDirectory: wheelDirectory.path),
                    local: LocalSourceBuilder(service: frontend.service, options: frontend.options, outputDirectory: wheelDirectory.path))
                let installer = RequirementInstaller(resolver: resolver, installer: service, builders: builders) { progress.update($0) }
                let result = await Result.awaiting { () async throws(RequirementsError) in
                    try await Self.runAnimating(progress) { () async throws(RequirementsError) in try await installer.run(request) }
                }
                await builds.finish()
                return try result.get()
            }
        }
        if dryRun {
            InstallSummary.printDryRun(plan, console)
        } else {
            InstallSummary.print(plan, console)
        }
    }

    /// Runs `body` while the progress renderer turns its spinners; the animation ends with it.
    private static func runAnimating<Value: Sendable>(
        _ progress: ProgressRenderer, _ body: @Sendable () async throws(RequirementsError) -> Value
    ) async throws(RequirementsError) -> Value {
        let result = await withTaskGroup(of: Void.self) { group in
            group.addTask { await progress.animate() }
            let result = await Result.awaiting(body)
            group.cancelAll()
            return result
        }
        return try result.get()
    }
}

/// The command line's positional arguments split into requirements and local paths to build.
enum InstallArguments {
    /// A local wheel becomes a direct reference to it; an existing sdist archive or project
    /// directory is a local source; anything else is a requirement. `-e` values must be directories.
    static func split(_ arguments: [String], editables: [String]) throws -> (requirements: [String], local: [LocalSource]) {
        var requirements: [String] = []
        var local: [LocalSource] = []
        for argument in arguments {
            if argument.hasSuffix(".whl"), FileSystem.exists(argument) {
                let path = FileSystem.absolute(argument)
                let name = try WheelFilenameName.of(FileSystem.basename(of: path))
                requirements.append("\(name) @ file://\(path)")
            } else if FileSystem.isDirectory(argument) {
                local.append(.tree(path: canonical(argument)))
            } else if FileSystem.exists(argument), BuildSource.sdistSuffixes.contains(where: argument.lowercased().hasSuffix) {
                local.append(.sdist(path: canonical(argument)))
            } else {
                requirements.append(argument)
            }
        }
        for editable in editables {
            guard FileSystem.isDirectory(editable) else {
                throw ValidationError("-e \(editable): not a directory; editable installs take a project directory (with pyproject.toml or setup.py)")
            }
            local.append(.editable(path: canonical(editable)))
        }
        return (requirements, local)
    }

    /// The real absolute path (no `.`, `..` or symbolic links): it goes into direct_url.json,
    /// and an editable install points at it for as long as it is installed.
    private static func canonical(_ path: String) -> String {
        (try? FileSystem.realPath(path)) ?? FileSystem.absolute(path)
    }
}

/// The project name of a wheel file, for turning a path argument into `name @ file://...`.
enum WheelFilenameName {
    struct Invalid: Error, CustomStringConvertible {
        let filename: String
        var description: String { "\(filename) is not a valid wheel file name" }
    }

    static func of(_ filename: String) throws -> String {
        guard let name = filename.split(separator: "-").first, !name.isEmpty else { throw Invalid(filename: filename) }
        return String(name)
    }
}

extension RequirementsError: HintedError {
    public var hint: String? {
        if case .build(let error) = self { return error.hint }
        return nil
    }
}
