import ArgumentParser
import Python
import Services
import SystemSupport

/// `kiln compile`: resolve requirements for one interpreter and print sorted `name==version` pins.
struct CompileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compile", _superCommandName: LeafCommandParsing.rootName, abstract: "Resolve requirements and print pinned name==version lines.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var python: PythonOption
    @OptionGroup var resolution: ResolutionOptions

    @Argument(help: "Requirements (PEP 508), e.g. 'flask>=3' 'requests[socks]'.")
    var requirements: [String] = []

    @Option(name: [.customShort("o"), .customLong("output-file")], help: "Write the pins to this file (atomically) instead of stdout.")
    var outputFile: String?

    @Flag(name: .customLong("generate-hashes"), help: "Add --hash=sha256 lines for every file of each pinned version.")
    var generateHashes = false

    func validate() throws {
        if requirements.isEmpty && resolution.requirementFiles.isEmpty {
            throw ValidationError("give requirements or -r FILE")
        }
    }

    func run() async throws {
        let console = Console(options: global)
        try await CommandFailure.run(console) {
            let contents = try resolution.inputs(arguments: requirements)
            let options = try resolution.resolverOptions(contents)
            let cache = try await global.openCache(console)
            let interpreter = try await global.interpreterDiscovery(cache: cache).find(python.request)
            let global = self.global
            let generateHashes = self.generateHashes
            // A resolution may build sdists for their metadata: a signal stops the backends.
            let lines = try await TerminationSignals.cancellingOnSignal {
                try await global.merging(contents).withPackageIndex(cache: cache, console: console) { index in
                    // A stored resolution answers when its inputs and every page it read are unchanged
                    // (KILN_NO_RESOLUTION_CACHE=1 turns this off, to time resolution itself).
                    let reuse = ProcessEnvironment.variables["KILN_NO_RESOLUTION_CACHE"].map { $0.isEmpty || $0 == "0" } ?? true
                    let stored = ResolutionCache(root: cache)
                    let inputs = reuse ? ResolutionInputs(
                        requirements: contents.requirements, constraints: contents.constraints, options: options,
                        interpreter: interpreter, settings: index.settings,
                        output: generateHashes ? ["generate-hashes"] : [], toolVersion: KilnVersion.current) : nil
                    if let inputs, let lines = stored.lookup(inputs, index: index) { return lines }
                    return try await global.withSdistBuilds(cache: cache, index: index, interpreter: interpreter, console: console) { builds in
                        let resolver = RequirementsResolver(
                            index: index, target: ResolutionTarget(interpreter: interpreter), options: options,
                            sdists: BuildingSdistMetadataSource(builds: builds), delegate: ConsoleResolverDelegate(console: console))
                        let outcome = try await resolver.resolve(contents.requirements, constraints: contents.constraints)
                        let lines = await PinsFormatter.lines(outcome, generateHashes: generateHashes)
                        await outcome.provider.finish()
                        if let inputs { stored.store(lines, for: inputs, pagesRead: index.pagesRead) }
                        // Only the lines are left to write: the resolution is not freed, the process ends.
                        ProcessLifetime.keepUntilExit(outcome)
                        return lines
                    }
                }
            }
            if let outputFile {
                try FileSystem.writeAtomically(lines.map { $0 + "\n" }.joined(), to: FileSystem.absolute(outputFile))
                console.info("Resolved \(lines.count) packages into \(outputFile)")
            } else {
                lines.forEach(console.result)
                console.detail("Resolved \(lines.count) packages for Python \(interpreter.fullVersion)")
            }
        }
    }
}
