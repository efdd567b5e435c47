import ArgumentParser

/// Runs a subcommand's body, printing any error once, as one line (plus an optional hint), and
/// turning it into exit code 1. Usage errors (exit 2) are ArgumentParser's `ValidationError`.
enum CommandFailure {
    static func run(_ console: Console, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as ExitCode {
            throw error
        } catch let error as ValidationError {
            throw error
        } catch let error as CleanExit {
            throw error
        } catch {
            console.error(String(describing: error))
            if let hinted = error as? HintedError, let hint = hinted.hint {
                console.info("hint: " + hint)
            }
            throw ExitCode.failure
        }
    }
}

/// An error that carries advice for the user beyond its one-line description.
protocol HintedError: Error {
    var hint: String? { get }
}
