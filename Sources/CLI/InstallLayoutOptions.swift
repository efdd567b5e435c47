import ArgumentParser
import Install

/// How files land in an environment, shared by `kiln install` and `kiln sync`.
struct InstallLayoutOptions: ParsableArguments {
    @Flag(help: "Byte-compile the installed modules with the target interpreter.")
    var compile = false

    @Option(name: .customLong("link-mode"), help: "hardlink (from the cache; copy across file systems) or copy.")
    var linkMode: LinkMode = .hardlink

    func installOptions(reinstall: Bool = false) -> InstallOptions {
        InstallOptions(reinstall: reinstall, compile: compile, linkMode: linkMode)
    }
}

extension LinkMode: ExpressibleByArgument {}
