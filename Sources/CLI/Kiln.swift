import ArgumentParser

@main
struct Kiln: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: LeafCommandParsing.rootName,
        abstract: "Build Python source distributions into wheels, and install them.",
        version: KilnVersion.current,
        // One line per subcommand; each lives in its own file.
        subcommands: [
            CacheCommand.self,
            PythonCommand.self,
            VenvCommand.self,
            InstallCommand.self,
            UninstallCommand.self,
            ListCommand.self,
            CompileCommand.self,
            LockCommand.self,
            SyncCommand.self,
            BuildWheelCommand.self,
            BuildSdistCommand.self,
            BuildCommand.self,
        ]
    )
}
