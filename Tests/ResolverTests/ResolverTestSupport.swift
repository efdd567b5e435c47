import PackagingModel
import Resolver
import Synchronization

/// CPython 3.12.1 on x86_64 Linux.
func cpython(_ full: String = "3.12.1") throws -> TargetEnvironment {
    let parts = full.split(separator: ".")
    let markers = MarkerEnvironment(
        implementationName: "cpython", implementationVersion: full, osName: "posix", platformMachine: "x86_64",
        platformPythonImplementation: "CPython", platformRelease: "6.1.0", platformSystem: "Linux",
        platformVersion: "#1 SMP", pythonFullVersion: full, pythonVersion: "\(parts[0]).\(parts[1])",
        sysPlatform: "linux"
    )
    return TargetEnvironment(markers: markers, pythonVersion: try Version(full))
}

/// Collects warnings sent to the delegate.
final class WarningRecorder: ResolverDelegate {
    let warnings = Mutex<[ResolutionWarning]>([])
    func resolver(didWarn warning: ResolutionWarning) {
        warnings.withLock { $0.append(warning) }
    }
}

func resolve(
    _ index: InMemoryIndex,
    _ requirements: [String],
    constraints: [String] = [],
    options: ResolverOptions = ResolverOptions(),
    python: String = "3.12.1",
    delegate: (any ResolverDelegate)? = nil
) async throws -> Resolution {
    let resolver = Resolver(provider: index, environment: try cpython(python), options: options, delegate: delegate)
    return try await resolver.resolve(
        try requirements.map { try Requirement($0) }, constraints: try constraints.map { try Requirement($0) }
    )
}

/// The pins of a successful resolution as `name==version` lines.
func pins(_ resolution: Resolution) -> [String] {
    resolution.packages.map { package in
        let extras = package.extras.isEmpty ? "" : "[" + package.extras.map(\.description).joined(separator: ",") + "]"
        return "\(package.name)\(extras)==\(package.version)"
    }
}

/// The explanation and hints of a failed resolution; nil when it succeeded.
func failure(
    _ index: InMemoryIndex,
    _ requirements: [String],
    options: ResolverOptions = ResolverOptions(),
    python: String = "3.12.1",
    delegate: (any ResolverDelegate)? = nil
) async throws -> (explanation: String, hints: [String])? {
    do {
        _ = try await resolve(index, requirements, options: options, python: python, delegate: delegate)
        return nil
    } catch let error as ResolutionError {
        guard case .noSolution(let explanation, let hints) = error else { throw error }
        return (explanation, hints)
    }
}
