import ArgumentParser
import Install
import Lock
import PackagingModel
import Python
import Services
import SystemSupport

/// `kiln sync`: make an environment hold exactly what a pylock.toml lists for its interpreter.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", _superCommandName: LeafCommandParsing.rootName, abstract: "Install exactly the entries of a pylock.toml that apply to an environment's interpreter.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var environment: EnvironmentOptions

    @Argument(help: "The lock file (PEP 751); default ./pylock.toml.")
    var lockFile: String = "pylock.toml"

    @Option(name: .customLong("extra"), help: "Install the entries of this extra too (repeatable).")
    var extras: [String] = []

    @Option(name: .customLong("group"), help: "Install the entries of this dependency group (repeatable); default the lock's default-groups.")
    var groups: [String] = []

    @Flag(name: .customLong("inexact"), help: "Keep installed packages the lock does not list.")
    var inexact = false

    @Flag(name: .customLong("dry-run"), help: "Print what would change, without changing anything.")
    var dryRun = false

    @OptionGroup var layout: InstallLayoutOptions

    func validate() throws {
        for extra in extras where (try? ExtraName(extra)) == nil { throw ValidationError("--extra \(extra) is not a valid extra name") }
        for group in groups where (try? DependencyGroupName(group)) == nil { throw ValidationError("--group \(group) is not a valid group name") }
    }

    func run() async throws {
        let console = Console(options: global)
        try await CommandFailure.run(console) {
            let lockPath = FileSystem.absolute(lockFile)
            let lock = try PackageLock(text: try FileSystem.readText(lockPath), source: lockPath)
            let cache = try await global.openCache(console)
            let discovery = try global.interpreterDiscovery(cache: cache)
            let target = try await environment.resolveTarget(discovery)
            let interpreter = try await discovery.find(try PythonRequest(parsing: target.pythonExecutable))
            let service = InstallService(cache: cache, target: target, lockTimeout: global.lockTimeout) { event in
                InstallEventPrinter.print(event, console)
            }
            let selection = SyncSelection(
                extras: Set(extras.compactMap { try? ExtraName($0) }),
                groups: groups.isEmpty ? nil : Set(groups.compactMap { try? DependencyGroupName($0) }))
            let request = LockSyncRequest(
                lock: lock, lockPath: lockPath, selection: selection, exact: !inexact, dryRun: dryRun,
                install: layout.installOptions())
            let progress = ProgressRenderer(console: console)
            let plan = try await global.withPackageIndex(cache: cache, console: console, progress: progress) { index in
                let builder = SyncSdistBuilder(index: index, cache: cache, discovery: discovery, target: interpreter,
                                               request: environment.python.request, global: global, console: console)
                let syncer = LockSyncer(index: index, installer: service, environment: interpreter.pep508Markers,
                                        tags: TagPriority(interpreter.compatibleTags), builder: builder)
                return try await syncer.sync(request)
            }
            report(plan, console: console, python: interpreter.fullVersion.description)
        }
    }

    private func report(_ plan: SyncPlan, console: Console, python: String) {
        if plan.changesNothing {
            console.info("Nothing to do: the environment matches the lock (\(plan.unchanged.count) packages, Python \(python))")
            return
        }
        let (install, replace, remove) = dryRun ? ("Would install", "Would replace", "Would remove") : ("Installed", "Replaced", "Removed")
        for pick in plan.install { console.result("\(install) \(pick.name.normalized)==\(pick.version)") }
        for replacement in plan.replace {
            console.result("\(replace) \(replacement.pick.name.normalized) \(replacement.installedVersion) with \(replacement.pick.version)")
        }
        for removal in plan.remove { console.result("\(remove) \(removal.name.normalized)==\(removal.version)") }
    }
}
