import ArgumentParser
import SystemSupport
#if canImport(Glibc)
import Glibc
#endif

extension Kiln {
    /// ArgumentParser's own `main` exits 64 (EX_USAGE) on a usage error; kiln's contract is 2
    /// (DESIGN.md, "Command-line contract"). Everything else passes through unchanged.
    static func main() async {
        TerminationSignals.install()
        CryptoLibrary.initializeWithoutExitCleanup()
        do {
            let arguments = GlobalOptionPlacement.reorder(Array(CommandLine.arguments.dropFirst()), root: Kiln.self)
            var command = try LeafCommandParsing.parse(arguments, root: Kiln.self)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            TerminationSignals.exit(0)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                let bytes = Array((message + "\n").utf8)
                _ = bytes.withUnsafeBytes { write(code.isSuccess ? 1 : 2, $0.baseAddress, $0.count) }
            }
            TerminationSignals.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
