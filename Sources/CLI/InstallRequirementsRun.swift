import Cache
import Install
import Python
import Services
import SystemSupport

/// `kiln install` with requirements: resolve for the target's interpreter (installed versions
/// preferred unless -U), download the chosen wheels, install them.
extension InstallCommand {
    /// Only `.whl` paths and no requirement files: installed as given, without resolution.
    var installsLocalWheelsOnly: Bool {
        !wheels.isEmpty && wheels.allSatisfy { $0.hasSuffix(".whl") }
            && resolution.requirementFiles.isEmpty && resolution.constraintFiles.isEmpty && resolution.editables.isEmpty
            && !dryRun && !upgrade
    }

    func runRequirements(target: InstallTarget, cache: CacheRoot, console: Console) async throws {
        let arguments = try wheels.map { argument -> String in
            // A local wheel among requirements becomes a direct reference to it.
            guard argument.hasSuffix(".whl"), FileSystem.exists(argument) else { return argument }
            let path = FileSystem.absolute(argument)
            let name = try WheelFilenameName.of(FileSystem.basename(of: path))
            return "\(name) @ file://\(path)"
        }
        let contents = try resolution.inputs(arguments: arguments)
        let options = try resolution.resolverOptions(contents)
        let interpreter = try await global.interpreterDiscovery(cache: cache).find(try PythonRequest(parsing: target.pythonExecutable))
        let progress = ProgressRenderer(console: console)
        let service = InstallService(cache: cache, target: target, lockTimeout: global.lockTimeout) { event in
            InstallEventPrinter.print(event, console)
        }
        let request = RequirementInstallRequest(
            requirements: contents.requirements, constraints: contents.constraints, upgrade: upgrade, reinstall: reinstall,
            requireHashes: requireHashes || contents.requireHashes, dryRun: dryRun,
            install: InstallOptions(reinstall: reinstall, compile: compile, linkMode: LinkMode(rawValue: linkMode) ?? .hardlink))
        let plan = try await global.merging(contents).withPackageIndex(cache: cache, console: console, progress: progress) { index in
            let resolver = RequirementsResolver(
                index: index, target: ResolutionTarget(interpreter: interpreter), options: options,
                delegate: ConsoleResolverDelegate(console: console))
            return try await RequirementInstaller(resolver: resolver, installer: service).run(request)
        }
        if dryRun {
            for change in plan.changes {
                console.result(change.replacing.map { "Would replace \(change.name.normalized) \($0) with \(change.version)" }
                    ?? "Would install \(change.name.normalized)==\(change.version)")
            }
            if plan.changes.isEmpty { console.info("Nothing to do: the requirements are already satisfied") }
        } else if plan.changes.isEmpty {
            console.info("Requirements already satisfied (\(plan.unchanged.count) packages)")
        }
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
