import ArgumentParser
import Lock
import PackagingModel
import Resolver
import Services
import SystemSupport

/// `kiln lock`: resolve a project for every Python minor its requires-python admits and write
/// pylock.toml (PEP 751) with a marker per entry.
struct LockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock", _superCommandName: LeafCommandParsing.rootName, abstract: "Lock a project's dependencies for every Python it supports into pylock.toml.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var candidates: CandidateFileOptions

    @Argument(help: "The project directory (holding pyproject.toml); default the current directory.")
    var projectDirectory: String = "."

    @Option(name: .customLong("fork-strategy"), help: "requires-python (default: newest versions for each Python) or fewest (as few versions as possible).")
    var forkStrategy: String = ForkStrategy.requiresPython.rawValue

    @Option(name: .customLong("platform"), help: "Lock for this platform: \(TargetPlatform.allCases.map(\.rawValue).joined(separator: ", ")); default this machine's.")
    var platform: String?

    @Option(name: .customLong("python-max"), help: "The newest Python minor to lock for (e.g. 3.13); default 3.\(PythonFork.newestKnownMinor).")
    var pythonMax: String?

    @Flag(name: [.customShort("U"), .customLong("upgrade")], help: "Let every pin of the existing lock change.")
    var upgrade = false

    @Option(name: [.customShort("P"), .customLong("upgrade-package")], help: "Let this package's pin change (repeatable).")
    var upgradePackages: [String] = []

    @Flag(name: .customLong("check"), help: "Exit 1 if the lock is missing or out of date; write nothing.")
    var check = false

    @Option(name: [.customShort("o"), .customLong("output-file")], help: "Where to write the lock; default PROJECT_DIR/pylock.toml.")
    var outputFile: String?

    func validate() throws {
        guard ForkStrategy(rawValue: forkStrategy) != nil else {
            throw ValidationError("--fork-strategy must be \(ForkStrategy.allCases.map(\.rawValue).joined(separator: " or "))")
        }
        if let platform, TargetPlatform(rawValue: platform) == nil {
            throw ValidationError("--platform must be one of \(TargetPlatform.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let pythonMax, Self.minor(of: pythonMax) == nil { throw ValidationError("--python-max must be a Python 3 minor such as 3.13") }
        for name in upgradePackages where (try? PackageName(name)) == nil { throw ValidationError("--upgrade-package \(name) is not a package name") }
    }

    static func minor(of text: String) -> Int? {
        let parts = text.split(separator: ".")
        guard parts.count == 2, parts[0] == "3", let minor = Int(parts[1]), minor >= 0 else { return nil }
        return minor
    }

    func run() async throws {
        let console = Console(options: global)
        try await CommandFailure.run(console) {
            // `.` (the default) is the current directory itself, not a path ending in `/.`.
            let directory = projectDirectory == "." ? FileSystem.currentDirectory() : FileSystem.absolute(projectDirectory)
            let pyprojectPath = FileSystem.join(directory, "pyproject.toml")
            let lockPath = outputFile.map(FileSystem.absolute) ?? FileSystem.join(directory, "pylock.toml")
            let pyproject = try PyProject(text: try FileSystem.readText(pyprojectPath), source: pyprojectPath)
            let inputs = try LockInputs(pyproject: pyproject, source: pyprojectPath)
            let existingText = FileSystem.exists(lockPath) ? try FileSystem.readText(lockPath) : nil
            let existing: PackageLock?
            do {
                existing = try existingText.map { try PackageLock(text: $0, source: lockPath) }
            } catch let error as PylockError {
                throw LockServiceError.existingLock(error)
            }
            let target = try targetPlatform()
            let upgradePolicy: UpgradePolicy = upgrade ? .all
                : upgradePackages.isEmpty ? .none : .packages(Set(upgradePackages.compactMap { try? PackageName($0) }))
            let options = try candidates.applied(to: ResolverOptions())
            let cache = try await global.openCache(console)
            let outcome = try await global.withPackageIndex(cache: cache, console: console) { index in
                let locker = ProjectLocker(index: index, options: options, delegate: ConsoleResolverDelegate(console: console))
                let indexURL = index.settings.indexes.first.map { String($0.requestString.reversed().drop { $0 == "/" }.reversed()) }
                let request = LockRequest(
                    inputs: inputs, platform: target, strategy: ForkStrategy(rawValue: forkStrategy) ?? .requiresPython,
                    maxMinor: pythonMax.flatMap(Self.minor(of:)) ?? PythonFork.newestKnownMinor, upgrade: upgradePolicy,
                    existing: existing, indexURL: indexURL)
                return try await locker.lock(request)
            }
            for fork in outcome.forks {
                console.detail("Python \(fork.python): \(fork.pins.joined(separator: " "))")
            }
            if let stopped = outcome.stoppedBelow {
                console.warning("no resolution for Python 3.\(stopped): the lock covers Pythons below it (requires-python \(outcome.lock.requiresPython?.description ?? ""))")
            }
            let text = outcome.lock.tomlText()
            let forks = outcome.forks.map(\.python)
            let range = forks.count > 1 ? "\(forks.first ?? "")–\(forks.last ?? "")" : forks.first ?? ""
            if check {
                if existingText == text {
                    console.info("\(lockPath) is up to date (\(outcome.lock.packages.count) entries, Python \(range))")
                    return
                }
                console.error(existingText == nil ? "\(lockPath) does not exist; run kiln lock" : "\(lockPath) is out of date; run kiln lock")
                throw ExitCode.failure
            }
            if existingText == text {
                console.info("\(lockPath) is up to date (\(outcome.lock.packages.count) entries, Python \(range))")
            } else {
                try FileSystem.writeAtomically(text, to: lockPath)
                console.info("Locked \(outcome.lock.packages.count) entries for Python \(range) into \(lockPath)")
            }
            console.result(lockPath)
        }
    }

    private func targetPlatform() throws -> PlatformTarget {
        if let platform, let named = TargetPlatform(rawValue: platform) { return .onThisMachine(named) }
        guard let here = PlatformTarget.thisMachine() else {
            throw ValidationError("this machine is none of --platform's choices; give --platform")
        }
        return here
    }
}
