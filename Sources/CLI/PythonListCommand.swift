import ArgumentParser
import Python

/// `kiln python list`: every interpreter discovery finds, one per line, in search order.
struct PythonListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the Python interpreters kiln can find.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let console = Console(options: global)
        try await CommandFailure.run(console) {
            let cache = try await global.openCache(console)
            let outcomes = try await global.interpreterDiscovery(cache: cache).list()
            let found = outcomes.compactMap { outcome -> Interpreter? in
                if case .found(let interpreter) = outcome { return interpreter }
                return nil
            }
            let width = found.map { Self.label($0).count }.max() ?? 0
            for interpreter in found {
                let label = Self.label(interpreter)
                console.result(label + String(repeating: " ", count: width - label.count + 2) + interpreter.path)
            }
            for case .failed(let error) in outcomes {
                console.detail("skipped \(error.path): \(error)")
            }
        }
    }

    /// `cpython-3.12.1`, with `+freethreaded` for a free-threaded build.
    static func label(_ interpreter: Interpreter) -> String {
        "\(interpreter.implementationName)-\(interpreter.version)" + (interpreter.isFreeThreaded ? "+freethreaded" : "")
    }
}
